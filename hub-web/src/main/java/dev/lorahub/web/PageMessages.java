package dev.lorahub.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the web pages in English; the Chinese ones are in messages/msg_zh_CN.properties. */
@MessageBundle(value = "msg", locale = "en")
public interface PageMessages {

    @Message("Lorahub")
    String title();

    @Message("LoRA models stored in this hub")
    String subtitle();

    @Message("Search names, trigger words and tags")
    String searchPlaceholder();

    @Message("Search")
    String search();

    @Message("Name")
    String name();

    @Message("Type")
    String type();

    @Message("Base model")
    String baseModel();

    @Message("Trigger words")
    String triggerWords();

    @Message("Download")
    String download();

    @Message("No models yet. Upload one with POST /api/v1/models.")
    String empty();

    @Message("API documentation")
    String apiDocs();
}
