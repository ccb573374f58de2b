package dev.lorahub.hub.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.hub.problem.ProblemException;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTrip() {
        Cursor cursor = new Cursor(ModelSort.MOST_DOWNLOADED, 42, 7);

        assertThat(Cursor.decode(cursor.encode(), ModelSort.MOST_DOWNLOADED)).isEqualTo(cursor);
    }

    @Test
    void cursorOfAnotherSortRejected() {
        String encoded = new Cursor(ModelSort.NEWEST, 9, 9).encode();

        assertThatThrownBy(() -> Cursor.decode(encoded, ModelSort.OLDEST))
                .isInstanceOf(ProblemException.class)
                .hasMessage("invalid-cursor");
    }

    @Test
    void damagedCursorRejected() {
        assertThatThrownBy(() -> Cursor.decode("%%%", ModelSort.NEWEST)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Cursor.decode("YWJj", ModelSort.NEWEST)).isInstanceOf(ProblemException.class);
    }

    @Test
    void sortNamesAreCivitais() {
        assertThat(ModelSort.parse("Most Downloaded")).isEqualTo(ModelSort.MOST_DOWNLOADED);
        assertThat(ModelSort.parse("newest")).isEqualTo(ModelSort.NEWEST);
        assertThat(ModelSort.parse(null)).isEqualTo(ModelSort.NEWEST);
        assertThatThrownBy(() -> ModelSort.parse("Sideways")).isInstanceOf(ProblemException.class);
    }
}
