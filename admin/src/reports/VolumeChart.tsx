import { Box, Flex, Typography } from '@strapi/design-system';
import type { ReportDay } from '../../../plugin/contracts/reports';
import { useTr } from '../i18n';

/** The chart shows the latest days only; the CSV report has every conversation. */
const SHOWN_DAYS = 31;
const CHART_HEIGHT = 160;
/** Room above the tallest bar for its count. */
const COUNT_ROOM = 20;
/** Height of the day numbers under the bars. */
const DAY_ROOM = 24;

/** Round tops of the scale, per power of ten. */
const NICE = [1, 2, 4, 5, 6, 8, 10];

/** The scale's marks: 0, a round top at or above the busiest day, and its half when whole. */
export function scaleTicks(busiest: number): number[] {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, busiest)));
  const top = magnitude * (NICE.find((n) => n * magnitude >= busiest) ?? 10);
  return top % 2 === 0 ? [0, top / 2, top] : [0, top];
}

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * Conversations per day as bars on a scale, each with its count, the part the bot handled alone in a
 * second colour. Each bar is a list item with its figures as its accessible name, so a screen reader
 * reads the same numbers.
 */
export function VolumeChart({ days }: { days: ReportDay[] }) {
  const tr = useTr();
  const shown = days.slice(-SHOWN_DAYS);
  const ticks = scaleTicks(Math.max(0, ...shown.map((day) => day.conversations)));
  const top = ticks[ticks.length - 1];
  const barHeight = (count: number) => Math.round((count / top) * CHART_HEIGHT);
  // A line at each mark behind the bars, drawn as the list's background.
  const gridLines = ticks
    .map(
      (tick) =>
        `linear-gradient(to top, transparent ${barHeight(tick)}px, #dcdce4 ${barHeight(tick)}px, #dcdce4 ${barHeight(tick) + 1}px, transparent ${barHeight(tick) + 1}px)`,
    )
    .join(', ');

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
      <Flex alignItems="stretch" gap={2} paddingTop={4}>
        <Box position="relative" aria-hidden style={{ width: '2.5rem', height: CHART_HEIGHT, marginTop: COUNT_ROOM }}>
          {ticks.map((tick) => (
            <Typography
              key={tick}
              variant="pi"
              textColor="neutral600"
              data-tick={tick}
              style={{ position: 'absolute', right: 0, bottom: barHeight(tick) - 8 }}
            >
              {tick}
            </Typography>
          ))}
        </Box>
        <Flex
          tag="ol"
          aria-labelledby="livechat-volume"
          alignItems="flex-end"
          gap={1}
          style={{
            flex: 1,
            height: CHART_HEIGHT + COUNT_ROOM + DAY_ROOM,
            listStyle: 'none',
            margin: 0,
            padding: 0,
            overflowX: 'auto',
            backgroundImage: gridLines,
            backgroundSize: `100% ${CHART_HEIGHT}px`,
            backgroundPosition: `0 ${COUNT_ROOM}px`,
            backgroundRepeat: 'no-repeat',
          }}
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
              {day.conversations > 0 ? (
                <Typography variant="pi" fontWeight="bold" textAlign="center" aria-hidden data-count>
                  {day.conversations}
                </Typography>
              ) : null}
              <Box background="primary600" style={{ height: barHeight(day.conversations - day.botOnly) }} />
              <Box background="success500" style={{ height: barHeight(day.botOnly) }} />
              <Typography
                variant="pi"
                textColor="neutral600"
                textAlign="center"
                aria-hidden
                style={{ height: DAY_ROOM, lineHeight: `${DAY_ROOM}px` }}
              >
                {Number(day.day.slice(8))}
              </Typography>
            </Flex>
          ))}
        </Flex>
      </Flex>
    </Box>
  );
}
