package dev.lorahub.hub.download;

import io.quarkus.logging.LoggingFilter;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logging.Logger;

/**
 * Keeps connections that clients close mid-transfer out of the ERROR log. Download clients that already have a file
 * close right after the headers, and Vert.x reports each such close as an ERROR of its connection class. This filter
 * logs them at DEBUG instead. It is enabled by {@code quarkus.log.console.filter=client-disconnects}.
 */
@LoggingFilter(name = "client-disconnects")
public final class ClientDisconnectFilter implements Filter {

    static final String CONNECTION_LOGGER = "io.vertx.core.net.impl.ConnectionBase";
    static final Set<String> DISCONNECT_MESSAGES = Set.of("Connection reset by peer", "Broken pipe");

    private static final Logger LOG = Logger.getLogger(ClientDisconnectFilter.class);

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!CONNECTION_LOGGER.equals(record.getLoggerName()) || !isDisconnect(record.getThrown())) {
            return true;
        }
        LOG.debugf("A client closed its connection mid-transfer: %s", record.getThrown());
        return false;
    }

    static boolean isDisconnect(Throwable thrown) {
        return thrown instanceof ClosedChannelException
                || thrown instanceof IOException && DISCONNECT_MESSAGES.contains(thrown.getMessage());
    }
}
