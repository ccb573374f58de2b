package dev.lorahub.validator.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Stream over a byte range of a file channel, read with positional reads so that several slices can
 * share the channel. Closing the slice leaves the channel open, because the caller owns it.
 */
final class ChannelSlice extends InputStream {

    private final FileChannel channel;
    private long position;
    private final long end;

    ChannelSlice(FileChannel channel, long start, long length) {
        this.channel = channel;
        this.position = start;
        this.end = start + length;
    }

    @Override
    public int read() throws IOException {
        byte[] single = new byte[1];
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count = (int) Math.min(length, end - position);
        if (count <= 0) {
            return -1;
        }
        int read = channel.read(ByteBuffer.wrap(buffer, offset, count), position);
        if (read > 0) {
            position += read;
        }
        return read;
    }
}
