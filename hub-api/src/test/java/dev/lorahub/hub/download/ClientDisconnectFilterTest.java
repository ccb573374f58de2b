package dev.lorahub.hub.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ClientDisconnectFilterTest {

    final ClientDisconnectFilter filter = new ClientDisconnectFilter();

    @Test
    void disconnectsOfConnectionsDropped() {
        assertThat(filter.isLoggable(connectionError(new ClosedChannelException()))).isFalse();
        assertThat(filter.isLoggable(connectionError(new IOException("Connection reset by peer")))).isFalse();
        assertThat(filter.isLoggable(connectionError(new IOException("Broken pipe")))).isFalse();
    }

    @Test
    void otherErrorsKept() {
        assertThat(filter.isLoggable(connectionError(new IOException("No space left on device")))).isTrue();
        assertThat(filter.isLoggable(connectionError(null))).isTrue();

        LogRecord elsewhere = new LogRecord(Level.SEVERE, "failed");
        elsewhere.setLoggerName("dev.lorahub.hub.upload.UploadService");
        elsewhere.setThrown(new ClosedChannelException());
        assertThat(filter.isLoggable(elsewhere)).isTrue();
    }

    private static LogRecord connectionError(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, thrown == null ? "failed" : thrown.getMessage());
        record.setLoggerName(ClientDisconnectFilter.CONNECTION_LOGGER);
        record.setThrown(thrown);
        return record;
    }
}
