import { Button, Modal } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useTr } from '../i18n';

interface Props {
  title: string;
  submitLabel: string;
  canSubmit: boolean;
  submitting: boolean;
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
}

/** The dialog frame of a review action: title, body, Cancel and the action's button. */
export function ReviewDialog({ title, submitLabel, canSubmit, submitting, onSubmit, onClose, children }: Props) {
  const tr = useTr();
  return (
    <Modal.Root open onOpenChange={(open) => open || onClose()}>
      <Modal.Content>
        <Modal.Header closeLabel={tr('failed.close', 'Close')}>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{tr('failed.cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button onClick={onSubmit} disabled={!canSubmit} loading={submitting}>
            {submitLabel}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
