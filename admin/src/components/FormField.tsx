import { Field } from '@strapi/design-system';
import type { ReactNode } from 'react';

interface Props {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  paddingTop?: number;
  children: ReactNode;
}

/** A labelled input with its hint and error, as the design system lays out form fields. */
export function FormField({ name, label, hint, error, required, paddingTop, children }: Props) {
  return (
    <Field.Root name={name} hint={hint} error={error} required={required} paddingTop={paddingTop}>
      <Field.Label>{label}</Field.Label>
      {children}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
