import { Box, Flex, Typography } from '@strapi/design-system';
import type { ReportDay } from '../../../plugin/contracts/reports';
import { useTr } from '../i18n';

/** The chart shows the latest days only; the CSV report has every conversation. */
const SHOWN_DAYS = 31;
const CHART_HEIGHT = 160;

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * Conversations per day as bars, the part the bot handled alone in a second colour. Each bar is a list
 * item with its figures as its accessible name, so a screen reader reads the same numbers.
 */
export function VolumeChart({ days }: { days: ReportDay[] }) {
  const tr = useTr();
  const shown = days.slice(-SHOWN_DAYS);
  const highest = Math.max(1, ...shown.map((day) => day.conversations));
  const barHeight = (count: number) => Math.round((count / highest) * CHART_HEIGHT);

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={4}>
      <Flex justifyContent="space-between" wrap="wrap" gap={2}>
        <Typography variant="delta" tag="h2" id="livechat-volume">
          {tr('reports.volume', 'Conversations per day')}
        </Typography>
        <Flex gap={3}>
          <Flex gap={1}>
            <Box background="primary600" width="1rem" height="1rem" hasRadius aria-hidden />
            <Typography variant="pi">{tr('reports.volume.agent', 'Needed a person')}</Typography>
          </Flex>
          <Flex gap={1}>
            <Box background="success500" width="1rem" height="1rem" hasRadius aria-hidden />
            <Typography variant="pi">{tr('reports.volume.bot', 'Bot alone')}</Typography>
          </Flex>
        </Flex>
      </Flex>
      <Flex
        tag="ol"
        aria-labelledby="livechat-volume"
        alignItems="flex-end"
        gap={1}
        paddingTop={4}
        style={{ height: CHART_HEIGHT + 40, listStyle: 'none', margin: 0, overflowX: 'auto' }}
      >
        {shown.map((day) => (
          <Flex
            tag="li"
            key={day.day}
            direction="column"
            alignItems="stretch"
            justifyContent="flex-end"
            style={{ flex: '1 0 1.5rem', maxWidth: '3rem', height: '100%' }}
            aria-label={tr('reports.volume.day', '{day}: {count} conversations, {bot} by the bot alone', {
              day: dayLabel(day.day),
              count: day.conversations,
              bot: day.botOnly,
            })}
            data-day={day.day}
          >
            <Box background="primary600" style={{ height: barHeight(day.conversations - day.botOnly) }} />
            <Box background="success500" style={{ height: barHeight(day.botOnly) }} />
            <Typography variant="pi" textColor="neutral600" textAlign="center" aria-hidden>
              {Number(day.day.slice(8))}
            </Typography>
          </Flex>
        ))}
      </Flex>
    </Box>
  );
}
