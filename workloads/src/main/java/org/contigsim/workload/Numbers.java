package org.contigsim.workload;

import java.math.BigDecimal;

/** Numbers as canonical text writes them. */
final class Numbers {
    private Numbers() {
    }

    /**
     * The shortest decimal that reads back as {@code d}, without an exponent ({@code 0.0001},
     * {@code 30}): what HOCON and the scenario parser read without surprises.
     */
    static String plain(double d) {
        return new BigDecimal(Double.toString(d + 0.0)).stripTrailingZeros().toPlainString();
    }
}
