import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { DeskSettings } from '../../../plugin/contracts/settings';
import { stringsFor } from '../../../plugin/widget-strings';
import { useTr } from '../i18n';

/** Readable text on the theme colour: dark on light colours, white on dark ones. */
function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) || 0);
  return 0.299 * r + 0.587 * g + 0.114 * b > 160 ? '#212134' : '#ffffff';
}

/**
 * The widget as visitors will see it with the settings in the form (saved or not): its colour, side,
 * title, greeting, language and string overrides. A picture of the panel, not the live widget.
 */
export function WidgetPreview({ widget, online }: { widget: DeskSettings['widget']; online: boolean }) {
  const tr = useTr();
  const { locale } = useIntl();
  const strings = stringsFor(widget.language === 'auto' ? locale : widget.language, widget.strings);
  const color = /^#[0-9a-fA-F]{6}$/.test(widget.color) ? widget.color : '#4945ff';
  const onColor = textOn(color);
  const side = widget.position === 'left' ? 'flex-start' : 'flex-end';

  return (
    <Box
      background="neutral100"
      hasRadius
      padding={4}
      role="img"
      aria-label={tr('settings.preview.label', 'Preview of the chat widget')}
      data-widget-preview
    >
      <Flex direction="column" alignItems={side} gap={3}>
        <Box
          background="neutral0"
          hasRadius
          shadow="popupShadow"
          style={{ width: 300, maxWidth: '100%', overflow: 'hidden', borderRadius: 12 }}
        >
          <Box padding={4} style={{ background: color, color: onColor }}>
            <Typography fontWeight="bold" textColor="inherit" data-preview-title>
              {widget.title}
            </Typography>
            <Typography variant="pi" tag="p" textColor="inherit">
              {online ? strings.online : strings.offline}
            </Typography>
          </Box>
          <Flex direction="column" alignItems="stretch" gap={2} padding={4} style={{ minHeight: 140 }}>
            <Typography variant="pi" textColor="neutral600">
              {strings.bot}
            </Typography>
            <Box background="neutral150" padding={3} hasRadius style={{ maxWidth: '85%', borderRadius: 12 }}>
              <Typography>{widget.greeting}</Typography>
            </Box>
          </Flex>
          <Flex gap={2} padding={3} borderColor="neutral150" style={{ borderTop: '1px solid' }}>
            <Box flex="1" padding={2} hasRadius borderColor="neutral200" borderStyle="solid" borderWidth="1px">
              <Typography textColor="neutral500" data-preview-placeholder>
                {strings.placeholder}
              </Typography>
            </Box>
            <Box padding={2} hasRadius style={{ background: color, color: onColor }}>
              <Typography textColor="inherit" fontWeight="bold" data-preview-send>
                {strings.send}
              </Typography>
            </Box>
          </Flex>
        </Box>
        <Box
          aria-hidden
          style={{ width: 52, height: 52, borderRadius: '50%', background: color, boxShadow: '0 2px 8px #0003' }}
          data-preview-launcher
        />
      </Flex>
    </Box>
  );
}
