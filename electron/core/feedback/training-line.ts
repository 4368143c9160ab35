/**
 * The lines of a fine-tuning export, as zod schemas: the format is checked where it is written and in tests.
 * `chat-jsonl` is the messages format most trainers read (OpenAI, Axolotl, mlx-lm, Unsloth); `alpaca` is
 * instruction / input / output. Both carry `metadata` (ignored by trainers) tying a line to its answer.
 */
import { z } from 'zod';

const citationSchema = z.strictObject({
  n: z.number().int().positive(),
  path: z.string().min(1),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  page: z.number().int().positive().nullable(),
});

export const trainingMetadataSchema = z.strictObject({
  answerId: z.string().min(1),
  /** The sources the approved answer cites by [n]. */
  citations: z.array(citationSchema),
  folders: z.array(z.string()),
  /** "model.gguf + adapter.gguf@0.8", or "extractive". */
  configuration: z.string().min(1),
  corrected: z.boolean(),
});

export const chatJsonlLineSchema = z.strictObject({
  messages: z.tuple([
    z.strictObject({ role: z.literal('system'), content: z.string().min(1) }),
    z.strictObject({ role: z.literal('user'), content: z.string().min(1) }),
    z.strictObject({ role: z.literal('assistant'), content: z.string().min(1) }),
  ]),
  metadata: trainingMetadataSchema,
});

export const alpacaLineSchema = z.strictObject({
  instruction: z.string().min(1),
  input: z.string().min(1),
  output: z.string().min(1),
  metadata: trainingMetadataSchema,
});

export type TrainingMetadata = z.infer<typeof trainingMetadataSchema>;
export type ChatJsonlLine = z.infer<typeof chatJsonlLineSchema>;
export type AlpacaLine = z.infer<typeof alpacaLineSchema>;
