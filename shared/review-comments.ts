// Review comments (issue 15): comments on lines of a session's diff, sent to its agent as one message.

/** Review comment methods (spread into the contract's method map). */
export const reviewCommentMethods = {} as const;

/** Review comment events (spread into the contract's event map). */
export const reviewCommentEvents = {} as const;
