package dev.lorahub.hub.model;

import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.model.api.ModelPage;
import dev.lorahub.hub.model.api.ModelResponse;
import dev.lorahub.hub.model.api.VersionResponse;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.search.Cursor;
import dev.lorahub.hub.search.ModelQuery;
import dev.lorahub.hub.search.ModelSearch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/** Read-only queries behind the CivitAI-compatible endpoints, each in its own transaction. */
@ApplicationScoped
@Transactional
public class ModelReader {

    @Inject
    Session session;

    @Inject
    ModelApi api;

    @Inject
    ModelSearch search;

    @Inject
    FileLookup files;

    @Inject
    CurrentCaller caller;

    public ModelResponse model(long id, String baseUrl) {
        ModelEntity model = session.find(ModelEntity.class, id);
        if (model == null || !ModelAccess.maySee(caller.get(), model)) {
            throw ProblemException.notFound("model-not-found", id);
        }
        return api.model(model, baseUrl);
    }

    public ModelResponse modelOfVersion(long versionId, String baseUrl) {
        return api.model(versionEntity(versionId).model, baseUrl);
    }

    public VersionResponse version(long id, String baseUrl) {
        return api.version(versionEntity(id), baseUrl);
    }

    /** Returns the oldest version that contains a file with this hash, of any kind the hub stores. */
    public Optional<VersionResponse> versionByHash(String hash, String baseUrl) {
        return files.oldestByHash(hash, caller.get()).map(file -> api.version(file.version, baseUrl));
    }

    /** Lists the models of a query in its order, with the cursor or page number of the next page. */
    public PageResult list(ModelQuery query, String baseUrl, boolean primaryFileOnly) {
        List<Object[]> rows = search.find(query, caller.get());
        boolean more = rows.size() > query.limit();
        List<Object[]> page = more ? rows.subList(0, query.limit()) : rows;
        List<Long> ids = page.stream().map(row -> (Long) row[0]).toList();

        Map<Long, ModelEntity> byId = session.byMultipleIds(ModelEntity.class).multiLoad(ids).stream()
                .collect(Collectors.toMap(model -> model.id, Function.identity()));
        List<ModelResponse> items = ids.stream()
                .map(id -> api.model(byId.get(id), baseUrl))
                .map(model -> primaryFileOnly ? model.withPrimaryFilesOnly() : model)
                .toList();

        Object[] last = page.isEmpty() ? null : page.get(page.size() - 1);
        String nextCursor = more
                ? new Cursor(query.sort(), ((Number) last[1]).longValue(), (Long) last[0]).encode()
                : null;
        Long total = query.page() != null ? search.count(query, caller.get()) : null;
        return new PageResult(items, nextCursor, more, total);
    }

    private ModelVersionEntity versionEntity(long id) {
        ModelVersionEntity version = session.find(ModelVersionEntity.class, id);
        if (version == null || !ModelAccess.maySee(caller.get(), version.model)) {
            throw ProblemException.notFound("version-not-found", id);
        }
        return version;
    }

    /** One page of a listing; {@code totalItems} only for numbered paging. */
    public record PageResult(List<ModelResponse> items, String nextCursor, boolean more, Long totalItems) {

        public ModelPage.PageMetadata metadata(String nextPageUrl, Integer page, int limit) {
            Integer totalPages = totalItems == null ? null : (int) Math.max(1, (totalItems + limit - 1) / limit);
            return new ModelPage.PageMetadata(page == null ? nextCursor : null, nextPageUrl, page,
                    page == null ? null : limit, totalItems, totalPages);
        }
    }
}
