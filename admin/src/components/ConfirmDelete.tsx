import { Button, Dialog } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import type { ReactNode } from 'react';
import { useTr } from '../i18n';

/** A delete button (`trigger`) that asks first: the dialog says what goes, and only "Delete" deletes. */
export function ConfirmDelete({
  trigger,
  title,
  body,
  onConfirm,
}: {
  trigger: ReactNode;
  title: string;
  body: string;
  onConfirm(): void;
}) {
  const tr = useTr();
  return (
    <Dialog.Root>
      <Dialog.Trigger>{trigger}</Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>{body}</Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary" fullWidth>
              {tr('action.cancel', 'Cancel')}
            </Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button variant="danger" fullWidth onClick={onConfirm}>
              {tr('contact.delete.confirm', 'Delete')}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}
