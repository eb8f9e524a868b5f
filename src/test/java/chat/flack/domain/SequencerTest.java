package chat.flack.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequencerTest {

    @Test
    void tasksRunInTheOrderGivenAndAFailingOneDoesNotStopTheRest() throws Exception {
        Sequencer sequencer = new Sequencer(100, Executors.defaultThreadFactory());
        List<Integer> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            sequencer.execute(() -> {
                if (n == 10) {
                    throw new IllegalStateException("a broken task");
                }
                ran.add(n);
            });
        }
        sequencer.stop(10_000);
        assertThat(ran).hasSize(49).isSorted().doesNotContain(10);
    }

    @Test
    void requestsAreRefusedWhileMoreThanTheBoundWaitAndTakenAgainOnceTheyRan() throws Exception {
        Sequencer sequencer = new Sequencer(3, Executors.defaultThreadFactory());
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        sequencer.execute(() -> {
            started.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 4; i++) {
            sequencer.requireRoom();
            sequencer.execute(() -> { });
        }
        assertThatThrownBy(sequencer::requireRoom).isInstanceOf(ChatException.class)
                .extracting(e -> ((ChatException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        hold.countDown();
        CountDownLatch drained = new CountDownLatch(1);
        sequencer.execute(drained::countDown);
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
        sequencer.requireRoom();
        sequencer.stop(10_000);
    }
}
