package dev.lorahub.formats.lora;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser of cloneofsimo/lora tensor names: {@code unet:<index>:down}, {@code text_encoder:<index>:up}.
 * The index is the position of the adapted layer in the tool's traversal order, so the names do not
 * say which layer it is.
 */
final class CloneofsimoKeys {

    private static final Pattern NAME = Pattern.compile("(unet|text_encoder):(\\d+):(down|up)");

    private CloneofsimoKeys() {}

    /** Returns the parsed name, or empty when it is not a cloneofsimo tensor name. */
    static Optional<TensorKey> parse(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        ModelComponent component = matcher.group(1).equals("unet") ? ModelComponent.UNET : ModelComponent.TEXT_ENCODER;
        TensorRole role = matcher.group(3).equals("down") ? TensorRole.DOWN : TensorRole.UP;
        String module = matcher.group(1) + ":" + matcher.group(2);
        return Optional.of(new TensorKey(LoraLayout.CLONEOFSIMO, module, role, component));
    }
}
