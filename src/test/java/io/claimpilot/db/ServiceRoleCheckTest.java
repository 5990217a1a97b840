package io.claimpilot.db;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Production refuses to run as a role that could remove the audit trail's trigger; demo and tests only warn. */
class ServiceRoleCheckTest {

    @Test
    void productionRefusesASuperuserOrTheOwnerOfTheAuditTable() {
        for (String problem : List.of(ServiceRoleCheck.problem("postgres", true, true),
                ServiceRoleCheck.problem("claimpilot", false, true))) {
            assertThatThrownBy(() -> ServiceRoleCheck.requireSeparateRoles(problem, List.of("prod")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Database roles");
            assertThatCode(() -> ServiceRoleCheck.requireSeparateRoles(problem, List.of("demo"))).doesNotThrowAnyException();
        }
        assertThat(ServiceRoleCheck.problem("claimpilot_service", false, false)).isNull();
        assertThatCode(() -> ServiceRoleCheck.requireSeparateRoles(null, List.of("prod"))).doesNotThrowAnyException();
    }
}
