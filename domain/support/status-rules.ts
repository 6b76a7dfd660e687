import { isOpen, type SupportStatus } from './vocabulary.js';

/** Where each of support's status actions may start from; the channel card offers them only there. */
export const mayWait = (status: SupportStatus): boolean => isOpen(status) && status !== 'venter_pa_innmelder';
export const mayResolve = (status: SupportStatus): boolean => isOpen(status);
export const mayClose = (status: SupportStatus): boolean => status !== 'lukket';
/** Support may write to the requester until the henvendelse is closed. */
export const mayReply = (status: SupportStatus): boolean => status !== 'lukket';
