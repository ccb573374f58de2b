/** Checks of uploaded model files, and the report that every check returns. */
package dev.lorahub.validator;
