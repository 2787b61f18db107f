// The questions the alert commands ask in modal dialogs: the window's modal choice (../modalChoice),
// which the integration tests replace with their own answers.
import { ModalChoice, modalChoice } from '../modalChoice';

export type AlertPrompts = ModalChoice;

export const modalAlertPrompts: AlertPrompts = modalChoice;
