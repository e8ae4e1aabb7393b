/** A `to` date as the last instant of that day (UTC), so a range includes it; a full date-time stays as it is. */
export const endOfDay = (value: string) => (value.length === 10 ? `${value}T23:59:59.999Z` : value);
