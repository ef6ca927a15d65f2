package org.contigsim.workload;

import java.util.Arrays;
import java.util.TreeMap;
import org.contigsim.base.Rng;

/**
 * The sizes of the blocks ("folios") a kind of memory is allocated in, as whole-number weights
 * per order: {@code 0:70,2:20,4:10} is 70% single pages, 20% 16 KiB and 10% 64 KiB folios (as
 * file systems with large-folio support read ahead). Each block's order is one draw of
 * {@code nextInt(total weight)} from the host's stream (none when the mix has one order); a block
 * larger than what is still wanted becomes a single page.
 */
public final class FolioMix {
    /** The buddy allocator's largest order (MAX_PAGE_ORDER): 4 MiB. */
    public static final int MAX_ORDER = 10;
    public static final int MAX_TOTAL_WEIGHT = 1_000_000;

    /** Orders ascending, and the running sum of their weights. */
    private final int[] orders;
    private final int[] upTo;

    private FolioMix(int[] orders, int[] weights) {
        this.orders = orders;
        this.upTo = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            upTo[i] = sum;
        }
    }

    /** Single pages only. */
    public static FolioMix singlePages() {
        return new FolioMix(new int[] {0}, new int[] {1});
    }

    /**
     * Reads {@code ORDER:WEIGHT[,ORDER:WEIGHT...]}; orders 0 to 10, each at most once, weights
     * whole and positive. IllegalArgumentException saying what is wrong.
     */
    public static FolioMix parse(String text) {
        String t = text == null ? "" : text.strip();
        TreeMap<Integer, Integer> weights = new TreeMap<>();
        long total = 0;
        for (String part : t.split(",", -1)) {
            String[] ow = part.strip().split(":", -1);
            if (ow.length != 2) {
                throw new IllegalArgumentException("'" + t + "' is not a folio mix (expected ORDER:WEIGHT pairs, e.g. "
                        + "0:70,2:20,4:10)");
            }
            int order = whole(t, ow[0], "order", 0, MAX_ORDER);
            int weight = whole(t, ow[1], "weight", 1, MAX_TOTAL_WEIGHT);
            if (weights.put(order, weight) != null) {
                throw new IllegalArgumentException("'" + t + "': order " + order + " is given twice");
            }
            total += weight;
        }
        if (total > MAX_TOTAL_WEIGHT) {
            throw new IllegalArgumentException("'" + t + "': the weights add up to " + total + " (at most "
                    + MAX_TOTAL_WEIGHT + ")");
        }
        return new FolioMix(weights.keySet().stream().mapToInt(Integer::intValue).toArray(),
                weights.values().stream().mapToInt(Integer::intValue).toArray());
    }

    private static int whole(String text, String field, String what, int min, int max) {
        String f = field.strip();
        if (f.isEmpty() || f.length() > 7 || !f.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(f) < min || Integer.parseInt(f) > max) {
            throw new IllegalArgumentException("'" + text + "': " + what + " '" + f + "' is not a whole number from "
                    + min + " to " + max);
        }
        return Integer.parseInt(f);
    }

    /** The order of the next block. */
    public int pick(Rng rng) {
        if (orders.length == 1) {
            return orders[0];
        }
        int r = rng.nextInt(upTo[upTo.length - 1]);
        int i = 0;
        while (r >= upTo[i]) {
            i++;
        }
        return orders[i];
    }

    /** The largest order the mix allocates. */
    public int maxOrder() {
        return orders[orders.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FolioMix m && Arrays.equals(orders, m.orders) && Arrays.equals(upTo, m.upTo);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(orders) + Arrays.hashCode(upTo);
    }

    /** The canonical text: orders ascending, {@code 0:70,2:20,4:10}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < orders.length; i++) {
            b.append(i == 0 ? "" : ",").append(orders[i]).append(':').append(upTo[i] - (i == 0 ? 0 : upTo[i - 1]));
        }
        return b.toString();
    }
}
