package chat.flack.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * One of a run's channels, {@code bench-<run id>-<index>}: what its senders sent and had refused,
 * and what its receivers got. With S senders and K channels, message {@code seq} is sender
 * {@code seq mod S}'s, and sender j is in channel {@code j mod K}, so a receiver knows from the
 * number alone whether a message is its channel's. Thread-safe (adders, {@link ErrorTally},
 * {@link Deliveries}).
 */
final class Channel {

    final String name;
    final int index;
    private final int count;
    private final int senders;
    /** Send frames of this channel's senders that were written. */
    final LongAdder sent = new LongAdder();
    final ErrorTally errors = new ErrorTally();
    final Deliveries deliveries = new Deliveries();

    /** Channel {@code index} of {@code count}, in a run of {@code senders} senders. */
    Channel(String name, int index, int count, int senders) {
        this.name = name;
        this.index = index;
        this.count = count;
        this.senders = senders;
    }

    /** Whether sender {@code seat} (0 to S − 1) is in this channel. */
    boolean seats(int seat) {
        return seat % count == index;
    }

    /** Whether message {@code seq} is sent in this channel. */
    boolean carries(long seq) {
        return seats((int) (seq % senders));
    }

    /** Sends the server took: written and not refused. */
    long accepted() {
        return sent.sum() - errors.refusedSends();
    }
}
