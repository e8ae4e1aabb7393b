import { Box, Flex, Modal, Typography } from '@strapi/design-system';
import { useEffect, useRef } from 'react';
import { useTr } from '../i18n';

/** Whether a key press is someone typing (in a field, a select or an editable element), not a shortcut. */
export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.role === 'combobox');

/** Whether a dialog is open: its own keys win over the workspace's. */
const dialogOpen = () => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;

/**
 * Calls `handler` for key presses on the page, outside dialogs. The handler answers true when it used the
 * key (the browser's default is then prevented). Always the latest handler, without re-subscribing.
 */
export function useKeyboardShortcuts(handler: (event: KeyboardEvent) => boolean) {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const keyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || dialogOpen()) return;
      if (latest.current(event)) event.preventDefault();
    };
    document.addEventListener('keydown', keyDown);
    return () => document.removeEventListener('keydown', keyDown);
  }, []);
}

/** The workspace's keys, as the help lists them. */
export function useShortcutList() {
  const tr = useTr();
  return [
    { keys: ['j', 'Alt + ↓'], action: tr('shortcuts.next', 'Next conversation') },
    { keys: ['k', 'Alt + ↑'], action: tr('shortcuts.previous', 'Previous conversation') },
    { keys: ['r'], action: tr('shortcuts.focus', 'Write in the composer') },
    { keys: ['Enter'], action: tr('shortcuts.send', 'Send (Shift + Enter: new line)') },
    { keys: ['Alt + N'], action: tr('shortcuts.note', 'Switch between reply and internal note') },
    { keys: ['/'], action: tr('shortcuts.canned', 'Canned messages') },
    { keys: ['Esc'], action: tr('shortcuts.leave', 'Leave the composer') },
    { keys: ['?'], action: tr('shortcuts.help', 'This list of shortcuts') },
  ];
}

/** The list of keyboard shortcuts, in a dialog. */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const tr = useTr();
  const shortcuts = useShortcutList();
  return (
    <Modal.Root open={open} onOpenChange={onOpenChange}>
      <Modal.Content>
        <Modal.Header closeLabel={tr('action.close', 'Close')}>
          <Modal.Title>{tr('shortcuts.title', 'Keyboard shortcuts')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Box tag="dl">
            {shortcuts.map((shortcut) => (
              <Flex key={shortcut.action} justifyContent="space-between" gap={4} paddingBottom={2}>
                <Flex tag="dt" gap={1}>
                  {shortcut.keys.map((key) => (
                    <Box
                      key={key}
                      tag="kbd"
                      background="neutral100"
                      borderColor="neutral200"
                      hasRadius
                      paddingLeft={2}
                      paddingRight={2}
                    >
                      <Typography variant="pi" fontWeight="bold">
                        {key}
                      </Typography>
                    </Box>
                  ))}
                </Flex>
                <Typography tag="dd">{shortcut.action}</Typography>
              </Flex>
            ))}
          </Box>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
