/** The {@code lorahub} command line: push, pull, search, validate, convert and merge. The module contains no code yet. */
package dev.lorahub.cli;
