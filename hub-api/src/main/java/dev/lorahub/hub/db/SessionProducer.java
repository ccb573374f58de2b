package dev.lorahub.hub.db;

import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.config.HubConfig.DatabaseKind;
import io.quarkus.hibernate.orm.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.hibernate.Session;

/**
 * Produces the Hibernate session of the active database, so services inject a plain {@link Session}.
 *
 * <p>The entities are plain Hibernate entities rather than Panache ones: Panache binds each entity to exactly one
 * persistence unit, and the hub needs two over the same entities to choose H2 or PostgreSQL when it starts.
 */
@ApplicationScoped
public class SessionProducer {

    @Inject
    HubConfig config;

    @Inject
    @PersistenceUnit("h2")
    Instance<Session> h2;

    @Inject
    @PersistenceUnit("postgresql")
    Instance<Session> postgresql;

    @Produces
    @ApplicationScoped
    Session session() {
        return config.database().kind() == DatabaseKind.postgresql ? postgresql.get() : h2.get();
    }
}
