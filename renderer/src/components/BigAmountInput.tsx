import { Input } from 'antd';
import type { ReactNode } from 'react';
import { useFocus } from '../keys/focus';
import type { FocusTarget } from '../keys/focus';

export interface BigAmountInputProps {
  readonly id: string;
  /** The focus slot F-keys and Enter move to. */
  readonly focus: FocusTarget;
  readonly testId: string;
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly onEnter: () => void;
  readonly prefix?: ReactNode;
  readonly suffix?: ReactNode;
  readonly placeholder?: string;
  readonly readOnly?: boolean;
  readonly invalid?: boolean;
}

/**
 * The large figure fields of the counter (amount, tendered, float): typed text, never a number input,
 * so the exact parser (renderer/src/money) decides what a typed amount means.
 */
export function BigAmountInput(props: BigAmountInputProps) {
  const { register } = useFocus();
  return (
    <Input
      id={props.id}
      ref={(input) => register(props.focus)(input?.input ?? null)}
      data-testid={props.testId}
      className="big-input"
      size="large"
      inputMode="decimal"
      autoComplete="off"
      maxLength={14}
      prefix={props.prefix}
      suffix={props.suffix}
      placeholder={props.placeholder}
      value={props.value}
      readOnly={props.readOnly}
      status={props.invalid ? 'error' : undefined}
      onChange={(event) => props.onChange(event.target.value)}
      onPressEnter={props.onEnter}
      aria-invalid={props.invalid ?? false}
    />
  );
}
