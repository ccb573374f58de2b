package dev.lorahub.validator.pickle;

/** Global that GLOBAL, STACK_GLOBAL or INST names: a module and a name inside it, never imported. */
record GlobalRef(String module, String name) {

    @Override
    public String toString() {
        return module + "." + name;
    }
}
