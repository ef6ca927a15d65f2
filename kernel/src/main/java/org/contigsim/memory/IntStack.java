package org.contigsim.memory;

/** A growable stack of ints, for scanner batches without boxing. */
final class IntStack {
    private int[] a = new int[16];
    private int size;

    void push(int v) {
        if (size == a.length) {
            a = java.util.Arrays.copyOf(a, size * 2);
        }
        a[size++] = v;
    }

    int pop() {
        return a[--size];
    }

    int get(int i) {
        return a[i];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    int[] toArray() {
        return java.util.Arrays.copyOf(a, size);
    }
}
