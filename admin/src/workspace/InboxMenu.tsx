import { Box, Flex, IconButton } from '@strapi/design-system';
import { Cross, More } from '@strapi/icons';
import { useState } from 'react';
import { useTr } from '../i18n';
import { InboxNav } from '../inbox/InboxNav';
import { BREAKPOINTS, useMediaQuery } from './useMediaQuery';

/**
 * The inbox navigation on screens too narrow to keep it beside the panes: a menu button that opens it as
 * a drawer over the page. Nothing where the navigation has its own column.
 */
export function InboxMenu() {
  const tr = useTr();
  const wide = useMediaQuery(BREAKPOINTS.sideNav);
  const [open, setOpen] = useState(false);
  if (wide) return null;
  return (
    <>
      <IconButton
        label={tr('workspace.menu', 'Inbox menu')}
        variant="ghost"
        aria-expanded={open}
        onClick={() => setOpen((shown) => !shown)}
      >
        <More />
      </IconButton>
      {open && (
        <Box
          position="fixed"
          top={0}
          left={0}
          height="100vh"
          zIndex={10}
          background="neutral0"
          shadow="popupShadow"
          overflow="auto"
          onClick={(event: React.MouseEvent) => {
            // Following a link closes the drawer.
            if ((event.target as HTMLElement).closest('a')) setOpen(false);
          }}
        >
          <Flex justifyContent="flex-end" padding={2}>
            <IconButton label={tr('action.close', 'Close')} variant="ghost" onClick={() => setOpen(false)}>
              <Cross />
            </IconButton>
          </Flex>
          <InboxNav />
        </Box>
      )}
    </>
  );
}
