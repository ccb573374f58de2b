/** The {@code lorahub} command line: push, pull, search, validate, convert, merge; the module holds no code yet. */
package dev.lorahub.cli;
