import { Box, Typography } from '@strapi/design-system';
import { useId, type ReactNode } from 'react';

/** A settings card that is a named region (its heading names it) with a hint under the heading. */
export function RegionSection({
  title,
  hint,
  marginTop,
  children,
}: {
  title: string;
  hint: ReactNode;
  marginTop?: 4;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} marginTop={marginTop}>
        <Typography variant="delta" tag="h2" id={headingId}>
          {title}
        </Typography>
        <Box paddingTop={1}>
          <Typography variant="pi" textColor="neutral600">
            {hint}
          </Typography>
        </Box>
        {children}
      </Box>
    </section>
  );
}
