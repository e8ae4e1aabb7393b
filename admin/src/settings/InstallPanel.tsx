import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { InstallInstructions } from '../../../plugin/contracts/settings';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';
import { Section } from './GeneralSettings';

/** How to put the widget on the site: this server's script tag, and which sites may embed it. */
export function InstallPanel() {
  const tr = useTr();
  const api = useLivechatApi();
  const { toggleNotification } = useNotification();
  const [install, setInstall] = useState<InstallInstructions.Response | null>(null);

  useEffect(() => {
    void api.installInstructions().then(setInstall);
  }, [api]);

  if (!install) return <Page.Loading />;
  const origins = [...install.allowedOrigins.config, ...install.allowedOrigins.settings];

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(install.snippet);
      toggleNotification({ type: 'success', message: tr('install.copied', 'Script tag copied') });
    } catch {
      toggleNotification({ type: 'warning', message: tr('install.copyFailed', 'Select the tag and copy it yourself') });
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Section title={tr('install.title', 'Add the widget to your site')}>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <Typography tag="p">
            {tr('install.howto', 'Paste this tag before {closingTag} on every page that should show the chat:', {
              closingTag: '</body>',
            })}
          </Typography>
          <Box
            tag="pre"
            background="neutral100"
            padding={3}
            marginTop={2}
            hasRadius
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontFamily: 'monospace' }}
            data-install-snippet
          >
            {install.snippet}
          </Box>
          <Box paddingTop={2}>
            <Button variant="secondary" startIcon={<Duplicate />} onClick={() => void copy()}>
              {tr('install.copy', 'Copy')}
            </Button>
          </Box>
        </Grid.Item>
      </Section>
      <Section title={tr('install.origins', 'Sites allowed to show the widget')}>
        <Grid.Item col={12} direction="column" alignItems="stretch" data-install-origins>
          {install.everyOrigin ? (
            <Typography tag="p">{tr('install.everyOrigin', 'Any site (the allowed origins include *).')}</Typography>
          ) : origins.length === 0 ? (
            <Typography tag="p" textColor="danger600">
              {tr(
                'install.noOrigin',
                'None yet: on another site the widget stays hidden. Add your site’s origin (like https://www.example.com) under General → Allowed widget origins.',
              )}
            </Typography>
          ) : (
            <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }}>
              {install.allowedOrigins.config.map((origin) => (
                <li key={`config-${origin}`}>
                  <Typography>
                    {origin} {tr('install.fromConfig', '(plugin config)')}
                  </Typography>
                </li>
              ))}
              {install.allowedOrigins.settings.map((origin) => (
                <li key={`settings-${origin}`}>
                  <Typography>{origin}</Typography>
                </li>
              ))}
            </Box>
          )}
          <Typography tag="p" variant="pi" textColor="neutral600" paddingTop={2}>
            {tr(
              'install.disallowed',
              'On a page whose origin is not allowed the widget does not appear, and the browser console says which origin to add.',
            )}
          </Typography>
        </Grid.Item>
      </Section>
    </Flex>
  );
}
