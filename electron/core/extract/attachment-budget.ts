/**
 * Limits on what a file holds inside it (a message's attachments, messages attached to messages), shared by
 * the whole tree of one file: how deep it nests, how many attachments it has, and how many bytes they
 * decode to together (the file's size limit). A recursive attachment loop or nesting bomb is refused at
 * `maxDepth` after reading only that many levels, and a fan-out bomb at `maxAttachments` or `maxBytes`.
 */
import { FormatFailure } from './format-failure.ts';

export interface AttachmentLimits {
  /** Levels of attachments inside attachments (a message attached to a message is one level). */
  readonly maxDepth: number;
  /** Attachments in the whole file, at every level. */
  readonly maxAttachments: number;
  /** Decoded bytes of all attachments together. */
  readonly maxBytes: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: Omit<AttachmentLimits, 'maxBytes'> = { maxDepth: 5, maxAttachments: 1000 };

interface Spent {
  attachments: number;
  bytes: number;
}

export class AttachmentBudget {
  private constructor(
    readonly limits: AttachmentLimits,
    /** 0 for the file itself, 1 for its attachments, and so on. */
    readonly depth: number,
    private readonly spent: Spent,
  ) {}

  static forFile(maxBytes: number, limits: Partial<AttachmentLimits> = {}): AttachmentBudget {
    return new AttachmentBudget({ ...DEFAULT_ATTACHMENT_LIMITS, maxBytes, ...limits }, 0, { attachments: 0, bytes: 0 });
  }

  /** Accounts for one attachment of `size` decoded bytes and returns the budget it is read under; throws FormatFailure past a limit. */
  enter(size: number): AttachmentBudget {
    const { maxDepth, maxAttachments, maxBytes } = this.limits;
    if (this.depth + 1 > maxDepth) {
      throw new FormatFailure('NESTING_LIMIT', `The file nests attachments more than ${maxDepth} levels deep (an attachment loop or a nesting bomb); it was not read.`);
    }
    this.spent.attachments += 1;
    this.spent.bytes += size;
    if (this.spent.attachments > maxAttachments) {
      throw new FormatFailure('TOO_LARGE', `The file holds more than ${maxAttachments} attachments in all; it was not read.`);
    }
    if (this.spent.bytes > maxBytes) {
      throw new FormatFailure('TOO_LARGE', `The file's attachments decode to more than ${Math.round(maxBytes / 2 ** 20)} MiB together, over the size limit; it was not read.`);
    }
    return new AttachmentBudget(this.limits, this.depth + 1, this.spent);
  }
}
