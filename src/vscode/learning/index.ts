// Learning from incidents in the editor: milestones (tree section, palette, timeline rows), the
// post-incident review file (draft, re-draft, status), and the checks on review files.
import * as vscode from 'vscode';
import { FeatureFactory } from '../feature';
import { ModalChoice, modalChoice } from '../modalChoice';
import { Replaceable } from '../replaceable';
import { draftReview, LearningDeps, setMilestone, setReviewStatus } from './commands';
import { MilestonesSection } from './milestonesSection';
import { ReviewChecks } from './reviewChecks';

/** Test hooks (`test.features.learning`): nothing here is for other extensions, which read Problems. */
export interface LearningTestApi {
  reviewProblems(uri: vscode.Uri): readonly vscode.Diagnostic[];
  /** Checks a document now (tests: no waiting on the typing debounce). */
  checkReview(doc: vscode.TextDocument): void;
  /** Replaces the modal question (Set Milestone's "Set It Anyway"); the disposable puts the modal one back. */
  usePrompts(prompts: ModalChoice): vscode.Disposable;
}

export const learningFeature: FeatureFactory<undefined, LearningTestApi> = (context) => {
  const prompts = new Replaceable<ModalChoice>(modalChoice);
  const deps: LearningDeps = {
    model: context.model,
    focused: () => context.currentIncident()?.incident.id,
    now: () => new Date(),
    prompts: prompts.current,
  };
  const checks = new ReviewChecks(context.model);
  const testApi: LearningTestApi = {
    reviewProblems: (uri) => checks.problems(uri),
    checkReview: (doc) => checks.check(doc),
    usePrompts: (replacement) => prompts.use(replacement),
  };
  return {
    commands: {
      'warroom.setMilestone': (arg) => setMilestone(deps, arg),
      'warroom.markEventAsMilestone': (arg) => setMilestone(deps, arg),
      'warroom.draftReview': (arg) => draftReview(deps, arg),
      'warroom.setReviewStatus': (arg) => setReviewStatus(deps, arg),
    },
    disposables: [checks, context.tree.registerSection(new MilestonesSection())],
    testApi,
  };
};
