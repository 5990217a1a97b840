package io.claimpilot.outbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** How a batch's local actions are split into transactions that run side by side. */
class LocalGroupsTest {

    private long nextId = 1;

    @Test
    void aClaimsActionsStayTogetherAndInTheirOrder() {
        List<OutboxLeases.Lease> batch = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int claim = 0; claim < 25; claim++) {
                batch.add(lease("claim-" + claim));
            }
        }

        List<List<OutboxLeases.Lease>> groups = Dispatcher.localGroups(batch, 8);

        assertThat(groups).hasSize(4);
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(100);
        for (List<OutboxLeases.Lease> group : groups) {
            assertThat(group).hasSizeGreaterThanOrEqualTo(Dispatcher.MIN_LOCAL_GROUP - 4);
            // Each claim's actions in one group, in the order they were taken.
            group.stream().collect(Collectors.groupingBy(lease -> lease.entry().claimId)).values()
                    .forEach(actions -> assertThat(actions).extracting(lease -> lease.entry().id).isSorted());
        }
        assertThat(groups.stream().flatMap(group -> group.stream().map(lease -> lease.entry().claimId).distinct()))
                .as("no claim in two groups").doesNotHaveDuplicates();
    }

    @Test
    void aSmallBatchIsOneTransactionAndTheGroupsNeverOutnumberThePool() {
        List<OutboxLeases.Lease> small = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            small.add(lease("claim-" + i));
        }
        assertThat(Dispatcher.localGroups(small, 8)).hasSize(1);

        List<OutboxLeases.Lease> large = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            large.add(lease("claim-" + i));
        }
        assertThat(Dispatcher.localGroups(large, 3)).hasSize(3);
        assertThat(Dispatcher.localGroups(List.of(), 8)).isEmpty();
    }

    @Test
    void oneClaimWithManyActionsIsOneGroup() {
        List<OutboxLeases.Lease> one = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            one.add(lease("the-claim"));
        }
        List<List<OutboxLeases.Lease>> groups = Dispatcher.localGroups(one, 8);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0)).extracting(lease -> lease.entry().id).isSorted().hasSize(60);
    }

    private OutboxLeases.Lease lease(String claimId) {
        OutboxEntry entry = new OutboxEntry();
        entry.id = nextId++;
        entry.claimId = claimId;
        entry.action = "NOTIFY_CUSTOMER";
        return new OutboxLeases.Lease(entry, "token", 0L);
    }
}
