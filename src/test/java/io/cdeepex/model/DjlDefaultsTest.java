package io.cdeepex.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DjlDefaultsTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(DjlDefaults.OFFLINE_PROPERTY);
        System.clearProperty(DjlDefaults.OFFLINE_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty(DjlDefaults.OFFLINE_PROPERTY);
        else System.setProperty(DjlDefaults.OFFLINE_PROPERTY, before);
    }

    @Test
    void offlineWhenNothingDecidesIt() {
        DjlDefaults.apply(null);
        assertThat(System.getProperty(DjlDefaults.OFFLINE_PROPERTY)).isEqualTo("true");
    }

    @Test
    void theUsersSystemPropertyIsKept() {
        System.setProperty(DjlDefaults.OFFLINE_PROPERTY, "false");
        DjlDefaults.apply(null);
        assertThat(System.getProperty(DjlDefaults.OFFLINE_PROPERTY)).isEqualTo("false");
    }

    @Test
    void djlsEnvironmentVariableDecidesWithoutAProperty() {
        DjlDefaults.apply("false");
        assertThat(System.getProperty(DjlDefaults.OFFLINE_PROPERTY)).isNull();
    }
}
