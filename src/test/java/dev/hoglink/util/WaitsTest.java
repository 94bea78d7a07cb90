package dev.hoglink.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitsTest {

    /**
     * Each wait said once and counted down side by side: the same leading unit (seconds under two minutes, minutes
     * under two hours, then hours), rounded up, so a message and the countdown beside it agree.
     */
    @ParameterizedTest(name = "{0} ms: \"{1}\", \"{2}\"")
    @CsvSource(delimiter = '|', value = {
        "-30000     | now         | 0 s",
        "-1         | now         | 0 s",
        "0          | now         | 0 s",
        "1          | in 1 s      | 1 s",
        "1000       | in 1 s      | 1 s",
        "11200      | in 12 s     | 12 s",
        "59000      | in 59 s     | 59 s",
        "60000      | in 60 s     | 60 s",
        "119000     | in 119 s    | 119 s",
        "120000     | in 2 min    | 2 min 00 s",
        "121000     | in 3 min    | 2 min 01 s",
        "897000     | in 15 min   | 14 min 57 s",
        "3412000    | in 57 min   | 56 min 52 s",
        "3599000    | in 60 min   | 59 min 59 s",
        "3600000    | in 60 min   | 60 min 00 s",
        "7140000    | in 119 min  | 119 min 00 s",
        "7141000    | in 2 h      | 119 min 01 s",
        "7200000    | in 2 h      | 2 h 00 min",
        "7201000    | in 3 h      | 2 h 01 min",
        "86400000   | in 24 h     | 24 h 00 min",
        "86401000   | in 25 h     | 24 h 01 min",
    })
    void aWaitIsSaidOnceAndCountedDownInTheSameUnits(long millis, String when, String countdown) {
        Duration wait = Duration.ofMillis(millis);
        assertEquals(when, Waits.when(wait));
        assertEquals(countdown, Waits.countdown(wait));
    }

    @Test
    void anUnknownWaitIsAMinuteAndACountdownNeedsAnEnd() {
        assertEquals("in a minute", Waits.when(null), "PostHog's throttles count by the minute");
        assertThrows(NullPointerException.class, () -> Waits.countdown(null));
    }

    /**
     * A limit said exactly, in the units of the waits above: the sign-in's wait for the browser reads the same in the
     * window and the CLI ("20 s", "5 min"), never "0 minutes" for 20 s nor "300 s" beside "5 minutes".
     */
    @ParameterizedTest(name = "{0} ms: \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "-1000      | 0 s",
        "0          | 0 s",
        "1          | 1 s",
        "20000      | 20 s",
        "90000      | 90 s",
        "119500     | 2 min",
        "120000     | 2 min",
        "150000     | 2 min 30 s",
        "300000     | 5 min",
        "7199000    | 119 min 59 s",
        "7200000    | 2 h",
        "7201000    | 2 h 1 min",
        "9000000    | 2 h 30 min",
    })
    void aLimitIsSaidExactlyInTheSameUnits(long millis, String span) {
        assertEquals(span, Waits.span(Duration.ofMillis(millis)));
    }
}
