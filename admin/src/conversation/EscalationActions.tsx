import { Button, Field, Flex, Modal, Textarea } from '@strapi/design-system';
import { useState } from 'react';
import type { Escalation } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';
import { useInboxActivity } from '../inbox/InboxActivity';
import { useAbilities, useMe } from '../permissions';

/** Accept / reject (with a reason) / cancel buttons for a pending escalation, as the viewer may use them. */
export function EscalationActions({
  escalation,
  onDecided,
}: {
  escalation: Escalation;
  onDecided?(escalation: Escalation): void;
}) {
  const tr = useTr();
  const api = useLivechatApi();
  const me = useMe();
  const abilities = useAbilities();
  const { isForMe, expectAssignment } = useInboxActivity();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (escalation.status !== 'pending' || !abilities.reply) return null;
  // Supervisors (assign) may decide for others, but nobody accepts their own escalation.
  const mayDecide = isForMe(escalation) || (abilities.assign && escalation.fromAgentId !== me.id);
  const mayCancel = escalation.fromAgentId === me.id || abilities.assign;

  const run = async (decide: () => Promise<Escalation | null>) => {
    setBusy(true);
    const decided = await decide();
    setBusy(false);
    if (decided) onDecided?.(decided);
    return decided;
  };

  const reject = async () => {
    if (!reason.trim()) {
      setReasonError(tr('escalation.reject.reasonRequired', 'Give a reason for rejecting'));
      return;
    }
    if (await run(() => api.rejectEscalation(escalation.id, reason.trim()))) setRejecting(false);
  };

  return (
    <Flex gap={2}>
      {mayDecide && (
        <>
          <Button
            size="S"
            loading={busy}
            onClick={() => {
              expectAssignment(escalation.conversationId);
              void run(() => api.acceptEscalation(escalation.id));
            }}
          >
            {tr('escalation.accept', 'Accept')}
          </Button>
          <Modal.Root open={rejecting} onOpenChange={setRejecting}>
            <Modal.Trigger>
              <Button size="S" variant="danger-light">
                {tr('escalation.reject', 'Reject')}
              </Button>
            </Modal.Trigger>
            <Modal.Content>
              <Modal.Header>
                <Modal.Title>{tr('escalation.reject.title', 'Reject the escalation')}</Modal.Title>
              </Modal.Header>
              <Modal.Body>
                <Field.Root name="reason" required error={reasonError}>
                  <Field.Label>{tr('escalation.reject.reason', 'Reason')}</Field.Label>
                  <Textarea
                    value={reason}
                    onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => {
                      setReason(event.target.value);
                      setReasonError(undefined);
                    }}
                  />
                  <Field.Error />
                </Field.Root>
              </Modal.Body>
              <Modal.Footer>
                <Modal.Close>
                  <Button variant="tertiary">{tr('action.cancel', 'Cancel')}</Button>
                </Modal.Close>
                <Button variant="danger" loading={busy} onClick={() => void reject()}>
                  {tr('escalation.reject.confirm', 'Reject escalation')}
                </Button>
              </Modal.Footer>
            </Modal.Content>
          </Modal.Root>
        </>
      )}
      {mayCancel && (
        <Button
          size="S"
          variant="tertiary"
          loading={busy}
          onClick={() => void run(() => api.cancelEscalation(escalation.id))}
        >
          {tr('escalation.cancel', 'Cancel escalation')}
        </Button>
      )}
    </Flex>
  );
}
