package chat.flack.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor mode: what one small write on loopback costs this machine, with no server in the
 * way. N connections are opened inside the tool; in rounds paced at the rate (a round: one
 * write to every connection, like one message to a channel of N), a writer thread sends each
 * connection K payload-sized frames in one gathering write (K = 1, 2, 4, 8: what a server
 * saves by packing the frames waiting for a connection into one write), and a reader thread
 * drains them all through one selector. Each step reports the writer's CPU time per write and
 * per frame (the system call, which on loopback also carries the frame to the reader's
 * socket) and the reader's per frame. Every byte written must arrive, or the step fails.
 */
final class WriteFloor {

    static final List<Integer> FRAMES_PER_WRITE = List.of(1, 2, 4, 8);
    private static final double WARM_UP_SECONDS = 1;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Options options;

    WriteFloor(Options options) {
        this.options = options;
    }

    Result run() {
        CpuWindow window = new CpuWindow(null);
        List<Result.FloorStep> steps = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), options.clients());
            List<SocketChannel> writers = new ArrayList<>();
            List<SocketChannel> readers = new ArrayList<>();
            try {
                for (int i = 0; i < options.clients(); i++) {
                    readers.add(SocketChannel.open(listener.getLocalAddress()));
                    SocketChannel accepted = listener.accept();
                    accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    writers.add(accepted);
                }
                Progress.say("floor: %d loopback connections, %d-byte frames, %.0f rounds/s for %.1f s per step",
                        options.clients(), options.payload(), options.rate(), options.duration());
                // Not reported: the first step would otherwise also pay for compiling the write path.
                step(writers, readers, 1, Math.min(WARM_UP_SECONDS, options.duration()));
                for (int k : FRAMES_PER_WRITE) {
                    steps.add(step(writers, readers, k, options.duration()));
                    Progress.say("%d frame(s) per write: %.2f µs per write, %.2f µs per frame",
                            k, steps.get(steps.size() - 1).writerMicrosPerWrite(),
                            steps.get(steps.size() - 1).writerMicrosPerFrame());
                }
            } finally {
                for (SocketChannel c : writers) {
                    c.close();
                }
                for (SocketChannel c : readers) {
                    c.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(Bench.now(), "floor", null, null, null, null, options.label(),
                new Result.Params(options.clients(), null, options.rate(), options.duration(), options.payload(),
                        null, null, null, null, options.concurrency(), Runtime.getRuntime().availableProcessors()),
                null, null, null, null, null, null, null, null, null, null, null, null, null,
                window.end(), null, null, steps, null, null, null);
    }

    private Result.FloorStep step(List<SocketChannel> writers, List<SocketChannel> readers, int framesPerWrite,
                                  double seconds) throws IOException {
        ByteBuffer frame = ByteBuffer.allocateDirect(options.payload());
        while (frame.hasRemaining()) {
            frame.put((byte) 'x');
        }
        frame.flip();
        ByteBuffer[] gather = new ByteBuffer[framesPerWrite];
        long periodNanos = (long) (1e9 / options.rate());
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long perWrite = (long) options.payload() * framesPerWrite;
        Drain drain = new Drain(readers, (long) (options.drain() * 1e9));
        Thread reader = new Thread(drain, "bench-floor-reader");
        reader.setDaemon(true);
        reader.start();
        long writes = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            for (long next = System.nanoTime(); next < end && drain.failure == null; next += periodNanos) {
                for (SocketChannel c : writers) {
                    for (int i = 0; i < framesPerWrite; i++) {
                        gather[i] = frame.duplicate();
                    }
                    long left = perWrite;
                    while (left > 0) {
                        left -= c.write(gather);
                    }
                }
                writes += writers.size();
                FanOut.sleep(Math.max(0, (next + periodNanos - System.nanoTime()) / 1_000_000));
            }
        } finally {
            // Also when a write failed: the reader then stops after the drain time.
            drain.expect(writes * perWrite);
        }
        long writerCpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        long frames = writes * framesPerWrite;
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the reader drained", e);
        }
        if (drain.failure != null) {
            throw new IllegalStateException("the floor's reader failed", drain.failure);
        }
        if (drain.received.get() != writes * perWrite) {
            throw new IllegalStateException("the floor's reader got " + drain.received.get() + " of the "
                    + writes * perWrite + " bytes written, nothing more for " + options.drain() + " s");
        }
        return new Result.FloorStep(framesPerWrite, writes, drain.received.get(),
                Result.round2(writerCpu / 1e3 / writes), Result.round2(writerCpu / 1e3 / frames),
                Result.round2(drain.cpuNanos / 1e3 / frames));
    }

    /**
     * Reads every connection through one selector until the bytes expected have arrived, or
     * until nothing more arrived for the drain time after the writer said how many to expect.
     */
    private static final class Drain implements Runnable {
        private final List<SocketChannel> channels;
        private final long drainNanos;
        final AtomicLong received = new AtomicLong();
        private volatile long expected = Long.MAX_VALUE;
        volatile long cpuNanos;
        volatile Exception failure;

        Drain(List<SocketChannel> channels, long drainNanos) {
            this.channels = channels;
            this.drainNanos = drainNanos;
        }

        void expect(long bytes) {
            expected = bytes;
        }

        @Override
        public void run() {
            long start = THREADS.getCurrentThreadCpuTime();
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            try (Selector selector = Selector.open()) {
                for (SocketChannel c : channels) {
                    c.configureBlocking(false);
                    c.register(selector, SelectionKey.OP_READ);
                }
                long lastRead = System.nanoTime();
                while (received.get() < expected
                        && (expected == Long.MAX_VALUE || System.nanoTime() - lastRead < drainNanos)) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        int n;
                        while ((n = ((SocketChannel) key.channel()).read(buffer.clear())) > 0) {
                            received.addAndGet(n);
                            lastRead = System.nanoTime();
                        }
                    }
                    selector.selectedKeys().clear();
                }
                for (SelectionKey key : selector.keys()) {
                    key.cancel();
                }
                selector.selectNow();
                for (SocketChannel c : channels) {
                    c.configureBlocking(true);
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            } finally {
                cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
            }
        }
    }
}
