import { Button, Flex, Modal } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useTr } from '../i18n';

/** A modal form: a title, fields, Cancel and a submit button; Enter in a field submits. */
export function FormModal({
  open,
  onOpenChange,
  title,
  submitLabel,
  onSubmit,
  busy = false,
  danger = false,
  children,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  submitLabel: string;
  onSubmit(): void;
  busy?: boolean;
  danger?: boolean;
  children: ReactNode;
}) {
  const tr = useTr();
  return (
    <Modal.Root open={open} onOpenChange={onOpenChange}>
      <Modal.Content>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          <Modal.Header closeLabel={tr('action.close', 'Close')}>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {children}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary" type="button">
                {tr('action.cancel', 'Cancel')}
              </Button>
            </Modal.Close>
            <Button type="submit" loading={busy} variant={danger ? 'danger' : 'default'}>
              {submitLabel}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
}
