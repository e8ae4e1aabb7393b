import { Box, Flex, Typography } from '@strapi/design-system';
import type { CannedMessage } from '../../../plugin/contracts/entities';
import { useTr } from '../i18n';

/** The list `/` opens in the composer; the composer's textarea keeps focus and drives it with the keyboard. */
export function CannedPicker({
  id,
  matches,
  active,
  onChoose,
}: {
  id: string;
  matches: CannedMessage[];
  active: number;
  onChoose(message: CannedMessage): void;
}) {
  const tr = useTr();
  return (
    <Box
      position="absolute"
      bottom="100%"
      left={0}
      right={0}
      marginBottom={1}
      background="neutral0"
      shadow="popupShadow"
      hasRadius
      padding={1}
      zIndex={2}
    >
      {matches.length === 0 ? (
        <Box padding={2}>
          <Typography textColor="neutral600">{tr('canned.none', 'No canned message matches')}</Typography>
        </Box>
      ) : (
        <ul role="listbox" id={id} aria-label={tr('canned.label', 'Canned messages')} style={{ margin: 0, padding: 0 }}>
          {matches.map((message, index) => (
            <Box
              tag="li"
              key={message.id}
              id={`${id}-${message.id}`}
              role="option"
              aria-selected={index === active}
              background={index === active ? 'primary100' : undefined}
              hasRadius
              padding={2}
              style={{ listStyle: 'none', cursor: 'pointer' }}
              // Keep the textarea focused: choose on mouse down, before it would blur.
              onMouseDown={(event: React.MouseEvent) => {
                event.preventDefault();
                onChoose(message);
              }}
            >
              <Flex gap={2}>
                <Typography fontWeight="bold">/{message.shortcut}</Typography>
                <Typography textColor="neutral700">{message.title}</Typography>
              </Flex>
              <Typography variant="pi" textColor="neutral600" ellipsis>
                {message.text}
              </Typography>
            </Box>
          ))}
        </ul>
      )}
    </Box>
  );
}
