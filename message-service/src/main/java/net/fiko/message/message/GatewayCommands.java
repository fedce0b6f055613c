package net.fiko.message.message;

import java.util.List;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.message.unread.ReadMarker;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies agents' commands. A poll's worth of them is applied in one database transaction: one commit (one disk
 * flush) for the lot instead of one each, which is what lets the service keep up with thousands of messages a
 * second. Each command stays idempotent by its event id, so a batch retried after a failure changes nothing twice.
 */
@Service
class GatewayCommands {

    private final MessageIntake intake;
    private final ReadMarker reads;

    GatewayCommands(MessageIntake intake, ReadMarker reads) {
        this.intake = intake;
        this.reads = reads;
    }

    /** All of them, in order, in one transaction. */
    @Transactional
    public void applyAll(List<GatewayCommand> commands) {
        commands.forEach(this::apply);
    }

    /** One, in a transaction of its own: to find the command a failing batch stumbles on. */
    @Transactional
    public void applyOne(GatewayCommand command) {
        apply(command);
    }

    private void apply(GatewayCommand command) {
        if (command instanceof MessageSendRequested send) {
            intake.submit(send);
        } else if (command instanceof MarkReadRequested markRead) {
            reads.markRead(markRead);
        }
    }
}
