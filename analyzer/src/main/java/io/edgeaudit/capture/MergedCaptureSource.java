package io.edgeaudit.capture;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Several files as one timeline, like mergecap: a k-way merge on each file's next timestamp, ties
 * going to the file given first. Rotated files of one capture thus read as one stream.
 *
 * <p>Every file is read up to its first frame when the merge starts, then suspended, so only the
 * files that actually overlap in time hold an open file and a buffer at once. A file that fails
 * records its error; the error is thrown once from {@link #next()} and the next call goes on with
 * the other files. Nothing is allocated per frame: the chosen file's frame is copied field by field
 * (the bytes stay in that file's buffer) into this source's own frame.
 */
final class MergedCaptureSource implements CaptureSource {
    private final FileSource[] sources;
    private final List<CaptureFile> files;
    private final Frame frame = new Frame();
    private final ArrayDeque<CaptureException> pending = new ArrayDeque<>();
    /** Binary min-heap of source indexes, ordered by {@link #heads} then index. */
    private final int[] heap;
    private final long[] heads;
    private int size;
    private int current = -1;
    private boolean started;

    MergedCaptureSource(List<? extends FileSource> sources) {
        this.sources = sources.toArray(new FileSource[0]);
        this.files = sources.stream().map(FileSource::file).toList();
        this.heap = new int[this.sources.length];
        this.heads = new long[this.sources.length];
    }

    @Override
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < sources.length; i++) {
                advance(i);
                sources[i].suspend();
            }
        }
        if (current >= 0) {
            int i = current;
            current = -1;
            advance(i);
        }
        if (!pending.isEmpty()) {
            throw pending.poll();
        }
        if (size == 0) {
            return false;
        }
        int i = pop();
        sources[i].resume(); // a failure is recorded on its file and leaves it out of the merge
        Frame f = sources[i].frame();
        frame.set(f.file(), f.packetNumber(), f.fileOffset(), f.dataFileOffset(), f.timestampNanos(), f.linkType(),
                f.data(), f.dataOffset(), f.capturedLength(), f.originalLength(), f.interfaceIndex(),
                f.interfaceName(), f.direction());
        current = i;
        return true;
    }

    /** Reads source i's next frame into the heap, or queues its error. */
    private void advance(int i) throws IOException {
        try {
            if (sources[i].next()) {
                push(i, sources[i].frame().timestampNanos());
            }
        } catch (CaptureException e) {
            pending.add(e);
        }
    }

    private boolean less(int a, int b) {
        return heads[a] < heads[b] || (heads[a] == heads[b] && a < b);
    }

    private void push(int i, long ts) {
        heads[i] = ts;
        int k = size++;
        heap[k] = i;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!less(heap[k], heap[parent])) {
                break;
            }
            swap(k, parent);
            k = parent;
        }
    }

    private int pop() {
        int top = heap[0];
        heap[0] = heap[--size];
        int k = 0;
        while (true) {
            int l = 2 * k + 1;
            if (l >= size) {
                break;
            }
            int m = l + 1 < size && less(heap[l + 1], heap[l]) ? l + 1 : l;
            if (!less(heap[m], heap[k])) {
                break;
            }
            swap(k, m);
            k = m;
        }
        return top;
    }

    private void swap(int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }

    /** The merge's own frame, filled from the chosen file's frame; the same instance after every {@link #next()}. */
    @Override
    public Frame frame() {
        return frame;
    }

    @Override
    public List<CaptureFile> files() {
        return files;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
