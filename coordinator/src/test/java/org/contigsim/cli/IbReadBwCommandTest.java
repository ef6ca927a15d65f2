package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.contigsim.cli.MemoryCommandTest.Run;
import org.contigsim.nic.Calibration;
import org.contigsim.nic.DeviceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IbReadBwCommandTest {
    @Test
    void shouldPrintOneCsvRowPerPowerOfTwoFromTwoBytesToEightMib() {
        Run r = MemoryCommandTest.run("ib-read-bw", "-q");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.outLines();
        assertEquals(org.contigsim.singlehost.ReadBandwidth.HEADER, lines.get(0));
        assertEquals(24, lines.size());
        DeviceProfile cx5 = DeviceProfile.named("connectx5-edr");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            long size = Long.parseLong(f[0]);
            assertEquals(2L << (i - 1), size);
            double memalign = Double.parseDouble(f[1]);
            double contiguous = Double.parseDouble(f[2]);
            assertTrue(memalign < contiguous, lines.get(i));
            assertEquals((contiguous / memalign - 1) * 100, Double.parseDouble(f[3]), 0.1, "from the rounded columns");
            // the simulated host gives perftest's buffers: 4 KiB MTT pages and a single entry
            double[] ideal = Calibration.predict(cx5, size);
            assertEquals(ideal[0], memalign, 0.01, lines.get(i));
            assertEquals(ideal[1], contiguous, 0.01, lines.get(i));
        }
    }

    @Test
    void shouldPrintTheSameBytesForTheSameArguments() {
        String[] args = {"ib-read-bw", "--sizes", "4096,1KiB,3000", "--seed", "5", "--uptime", "10m", "-q"};
        Run a = MemoryCommandTest.run(args);
        Run b = MemoryCommandTest.run(args);
        assertEquals(0, a.exit(), a.err());
        assertEquals(a.out(), b.out());
        assertEquals(List.of("4096", "1024", "3000"), a.outLines().subList(1, 4).stream()
                .map(l -> l.split(",")[0]).toList());
    }

    @Test
    void shouldModelFasterLinksWithTheExtrapolatedProfiles() {
        Run edr = MemoryCommandTest.run("ib-read-bw", "--sizes", "8MiB", "--uptime", "0", "-q");
        Run hdr = MemoryCommandTest.run("ib-read-bw", "--sizes", "8MiB", "--uptime", "0", "--profile",
                "connectx6-hdr", "-q");
        double e = Double.parseDouble(edr.outLines().get(1).split(",")[2]);
        double h = Double.parseDouble(hdr.outLines().get(1).split(",")[2]);
        assertEquals(2 * e, h, e * 0.02);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--sizes|2,,8|contigsim: --sizes: empty entry in '2,,8' (give sizes like 2,4,8)",
        "--sizes|0|contigsim: --sizes: '0' must be at least 1 byte",
        "--sizes|9MiB|contigsim: --sizes: '9MiB' is larger than the 8MiB largest message of the 16MiB perftest region",
        "--profile|cx9|contigsim: --profile: unknown NIC profile 'cx9' (known: connectx5-edr, connectx6-hdr, connectx7-ndr)",
        "--seed|one|contigsim: --seed: expected a whole number, found 'one'"
    })
    void shouldRejectBadArgumentsInOneLine(String flag, String value, String message) {
        Run r = MemoryCommandTest.run("ib-read-bw", flag, value);
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(List.of(message), r.errLines());
    }
}
