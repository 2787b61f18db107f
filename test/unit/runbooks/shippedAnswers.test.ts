// The destructive check's answer for every command of the shipped runbooks (runbooks/) and of the runbook
// fixtures (test/fixtures: *.runbook.yaml, runbook-formats/, corpus/runbooks/), each parsed by the
// project's own parser: a change to the check that changes any of these answers fails here and names the
// command. When the change is meant, the row is updated with it, so the commit shows what users see change.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { destructiveFindings, EVERY_RULE_WORD_LINE } from '../../../src/core/runbooks/destructive';
import { parseRunbookFile } from '../../../src/core/runbooks/runbookFile';
import { repoRoot } from './paths';

/**
 * Each command by its file and line, with the reasons the check gives to ask a second time, in its
 * order (joined by ` + `), or `none`. Sorted by file, then line.
 */
const EXPECTED: readonly (readonly [where: string, answer: string])[] = [
  ['runbooks/certificate-expiry.runbook.yaml:16', 'none'],
  ['runbooks/certificate-expiry.runbook.yaml:22', 'none'],
  ['runbooks/certificate-expiry.runbook.yaml:24', 'none'],
  ['runbooks/certificate-expiry.runbook.yaml:38', 'none'],
  ['runbooks/certificate-expiry.runbook.yaml:43', 'none'],
  ['runbooks/checkout-db-pool-exhaustion.runbook.yaml:25', 'none'],
  ['runbooks/checkout-db-pool-exhaustion.runbook.yaml:27', 'none'],
  ['runbooks/checkout-db-pool-exhaustion.runbook.yaml:34', 'none'],
  ['runbooks/checkout-db-pool-exhaustion.runbook.yaml:35', 'none'],
  ['runbooks/checkout-db-pool-exhaustion.runbook.yaml:51', 'rolls a deployment back to an earlier revision (rollout undo)'],
  ['runbooks/checkout-db-pool-exhaustion.runbook.yaml:52', 'none'],
  ['runbooks/checkout-db-pool-exhaustion.runbook.yaml:61', 'none'],
  ['runbooks/checkout-db-pool-exhaustion.runbook.yaml:73', 'terminates database sessions and their transactions (pg_terminate_backend)'],
  [
    'runbooks/checkout-db-pool-exhaustion.runbook.yaml:77',
    'restarts every pod of a workload, dropping their connections and in-flight work (rollout restart)',
  ],
  ['runbooks/checkout-db-pool-exhaustion.runbook.yaml:82', 'none'],
  ['runbooks/crashloopbackoff.runbook.yaml:15', 'none'],
  ['runbooks/crashloopbackoff.runbook.yaml:17', 'none'],
  ['runbooks/crashloopbackoff.runbook.yaml:23', 'none'],
  ['runbooks/crashloopbackoff.runbook.yaml:42', 'rolls a deployment back to an earlier revision (rollout undo)'],
  ['runbooks/crashloopbackoff.runbook.yaml:43', 'none'],
  ['runbooks/crashloopbackoff.runbook.yaml:49', 'none'],
  ['runbooks/crashloopbackoff.runbook.yaml:54', 'none'],
  ['runbooks/disk-full.runbook.yaml:16', 'none'],
  ['runbooks/disk-full.runbook.yaml:17', 'none'],
  ['runbooks/disk-full.runbook.yaml:23', 'none'],
  ['runbooks/disk-full.runbook.yaml:38', 'deletes archived journal files, and the logs they hold (journalctl --vacuum-size)'],
  ['runbooks/disk-full.runbook.yaml:39', 'removes containers, images or volumes'],
  ['runbooks/disk-full.runbook.yaml:44', 'none'],
  ['runbooks/disk-full.runbook.yaml:45', 'none'],
  ['runbooks/disk-full.runbook.yaml:47', 'none'],
  ['runbooks/disk-full.runbook.yaml:52', 'none'],
  ['runbooks/http-5xx-after-deploy.runbook.yaml:16', 'none'],
  ['runbooks/http-5xx-after-deploy.runbook.yaml:17', 'none'],
  ['runbooks/http-5xx-after-deploy.runbook.yaml:34', 'rolls a deployment back to an earlier revision (rollout undo)'],
  ['runbooks/http-5xx-after-deploy.runbook.yaml:35', 'none'],
  ['runbooks/http-5xx-after-deploy.runbook.yaml:37', 'rolls a Helm release back (helm rollback)'],
  ['runbooks/http-5xx-after-deploy.runbook.yaml:42', 'none'],
  ['runbooks/latency-saturation.runbook.yaml:15', 'none'],
  ['runbooks/latency-saturation.runbook.yaml:16', 'none'],
  ['runbooks/latency-saturation.runbook.yaml:31', 'none'],
  ['runbooks/latency-saturation.runbook.yaml:32', 'none'],
  ['runbooks/memory-leak-oom.runbook.yaml:15', 'none'],
  ['runbooks/memory-leak-oom.runbook.yaml:17', 'none'],
  ['runbooks/memory-leak-oom.runbook.yaml:30', 'rolls a deployment back to an earlier revision (rollout undo)'],
  ['runbooks/memory-leak-oom.runbook.yaml:35', 'none'],
  ['runbooks/memory-leak-oom.runbook.yaml:41', 'none'],
  ['runbooks/memory-leak-oom.runbook.yaml:42', 'none'],
  ['runbooks/redis-memory-high.md:18', 'none'],
  ['runbooks/redis-memory-high.md:27', 'none'],
  ['runbooks/redis-memory-high.md:41', 'none'],
  ['runbooks/third-party-outage.runbook.yaml:15', 'none'],
  ['runbooks/third-party-outage.runbook.yaml:17', 'none'],
  ['test/fixtures/corpus/runbooks/aws-samples__aws-incident-response-playbooks__playbooks__IRP-DoS.md:294', 'none'],
  ['test/fixtures/corpus/runbooks/aws-samples__aws-incident-response-playbooks__playbooks__IRP-DoS.md:297', 'none'],
  ['test/fixtures/corpus/runbooks/aws-samples__aws-incident-response-playbooks__playbooks__IRP-DoS.md:314', 'none'],
  ['test/fixtures/corpus/runbooks/aws-samples__aws-incident-response-playbooks__playbooks__IRP-DoS.md:438', 'none'],
  ['test/fixtures/corpus/runbooks/kubesphere__alert-runbooks__content.zh__runbooks__kubernetes__KubePodCrashLooping.md:18', 'none'],
  ['test/fixtures/corpus/runbooks/kubesphere__alert-runbooks__content.zh__runbooks__kubernetes__KubePodCrashLooping.md:19', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__ci-runners__runners_manager_is_down.md:9', 'none'],
  [
    'test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__ci-runners__runners_manager_is_down.md:13',
    'stops a service or restarts it (systemctl stop/restart)',
  ],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:31', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:32', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:38', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:46', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:53', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:54', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:66', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:67', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:68', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:69', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:70', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:76', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:82', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:88', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:113', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:114', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:132', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__gitaly__git-high-cpu-and-memory-usage.md:218', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__monitoring__prometheus-high-memory.md:18', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__monitoring__prometheus-high-memory.md:19', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__pg_xid_xmin_age_alert.md:7', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__pg_xid_xmin_age_alert.md:24', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__pg_xid_xmin_age_alert.md:34', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__pg_xid_xmin_age_alert.md:46', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__postgresql-locking.md:57', 'none'],
  [
    'test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__postgresql-locking.md:59',
    'takes a lock that blocks reads and writes of a table while it holds (VACUUM FULL, REINDEX, LOCK TABLE)',
  ],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__postgresql-locking.md:67', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__postgresql-locking.md:74', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__postgresql-locking.md:149', 'none'],
  [
    'test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__patroni__postgresql-locking.md:154',
    'terminates database sessions and their transactions (pg_terminate_backend)',
  ],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:108', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:110', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:114', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:160', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:172', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:177', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:204', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:205', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:225', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:245', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:265', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:289', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:295', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:305', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:306', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:367', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:369', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:370', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:371', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:373', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:383', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:389', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:394', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:404', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:405', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:414', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:415', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:432', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:433', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:439', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:449', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:452', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:459', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:464', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:481', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:482', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:483', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:485', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:486', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:487', 'deletes files (rm)'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:495', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:496', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:510', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:534', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:539', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:588', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:619', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:636', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:647', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:705', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:729', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:748', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:782', 'none'],
  [
    'test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:827',
    'moves the primary role to another node (failover)',
  ],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:848', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:861', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:869', 'none'],
  [
    'test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:890',
    'stops a service or restarts it (systemctl stop/restart)',
  ],
  [
    'test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:894',
    'stops a service or restarts it (systemctl stop/restart)',
  ],
  [
    'test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__redis__redis.md:911',
    'stops a service or restarts it (systemctl stop/restart)',
  ],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__uncategorized__gemnasium_is_down.md:32', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__uncategorized__gemnasium_is_down.md:70', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__uncategorized__gemnasium_is_down.md:78', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__uncategorized__workers-high-load.md:21', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__uncategorized__workers-high-load.md:29', 'none'],
  ['test/fixtures/corpus/runbooks/mattrussi__gitlab-com-runbooks__docs__uncategorized__workers-high-load.md:38', 'kills processes'],
  [
    'test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__alertmanager__AlertmanagerFailedToSendAlerts.md:28',
    'none',
  ],
  [
    'test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__alertmanager__AlertmanagerFailedToSendAlerts.md:42',
    'none',
  ],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__etcd__etcdMembersDown.md:25', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__etcd__etcdMembersDown.md:36', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__etcd__etcdMembersDown.md:45', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__etcd__etcdMembersDown.md:51', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__etcd__etcdMembersDown.md:57', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubeAPIErrorBudgetBurn.md:64', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubeAPIErrorBudgetBurn.md:77', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubeAPIErrorBudgetBurn.md:90', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubeAPIErrorBudgetBurn.md:103', 'none'],
  [
    'test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubePersistentVolumeFillingUp.md:70',
    'none',
  ],
  [
    'test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubePersistentVolumeFillingUp.md:80',
    'none',
  ],
  [
    'test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubePersistentVolumeFillingUp.md:90',
    'none',
  ],
  [
    'test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubePersistentVolumeFillingUp.md:98',
    'deletes Kubernetes resources (kubectl delete)',
  ],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubePodCrashLooping.md:21', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubePodCrashLooping.md:22', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__kubernetes__KubePodCrashLooping.md:23', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__node__NodeFilesystemSpaceFillingUp.md:44', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__node__NodeFilesystemSpaceFillingUp.md:57', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__node__NodeFilesystemSpaceFillingUp.md:58', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__node__NodeFilesystemSpaceFillingUp.md:59', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__node__NodeFilesystemSpaceFillingUp.md:77', 'none'],
  ['test/fixtures/corpus/runbooks/prometheus-operator__runbooks__content__runbooks__node__NodeFilesystemSpaceFillingUp.md:78', 'none'],
  ['test/fixtures/runbook-formats/markdown/alerts/HostDiskMoved.md:10', 'none'],
  ['test/fixtures/runbook-formats/markdown/nodes/KubeletTooManyPods.md:12', 'none'],
  ['test/fixtures/runbook-formats/rundeck/db-maintenance.json:17', 'none'],
  [
    'test/fixtures/runbook-formats/rundeck/db-maintenance.json:21',
    'terminates database sessions and their transactions (pg_terminate_backend)',
  ],
  ['test/fixtures/runbook-formats/rundeck/db-maintenance.json:32', 'none'],
  ['test/fixtures/runbook-formats/rundeck/db-maintenance.json:33', 'none'],
  ['test/fixtures/runbook-formats/rundeck/web-tier-jobs.yaml:38', 'none'],
  ['test/fixtures/runbook-formats/rundeck/web-tier-jobs.yaml:40', 'none'],
  ['test/fixtures/runbook-formats/rundeck/web-tier-jobs.yaml:50', 'stops a service or restarts it (systemctl stop/restart)'],
  ['test/fixtures/runbook-formats/rundeck/web-tier-jobs.yaml:66', 'none'],
  ['test/fixtures/runbook-formats/rundeck/web-tier-jobs.yaml:67', 'none'],
  ['test/fixtures/runbook-formats/ssm/clean-tmp-command.yml:14', 'none'],
  ['test/fixtures/runbook-formats/ssm/clean-tmp-command.yml:21', 'deletes the files it finds (find -delete)'],
  ['test/fixtures/runbook-formats/ssm/rds-failover.json:26', 'none'],
  [
    'test/fixtures/runbook-formats/ssm/rds-failover.json:58',
    'moves the primary role to another node (failover) + stops, restarts or reboots cloud resources, or replaces every task of a service',
  ],
  ['test/fixtures/runbook-formats/ssm/rds-failover.json:68', 'none'],
  ['test/fixtures/runbook-formats/ssm/rds-failover.json:80', 'none'],
  ['test/fixtures/runbook-formats/ssm/restart-unhealthy-instance.yaml:35', 'none'],
  ['test/fixtures/runbook-formats/ssm/restart-unhealthy-instance.yaml:53', 'none'],
  [
    'test/fixtures/runbook-formats/ssm/restart-unhealthy-instance.yaml:81',
    'stops, restarts or reboots cloud resources, or replaces every task of a service',
  ],
  ['test/fixtures/runbook-formats/ssm/restart-unhealthy-instance.yaml:89', 'none'],
  ['test/fixtures/runbook-formats/ssm/restart-unhealthy-instance.yaml:99', 'none'],
  ['test/fixtures/runbook-formats/ssm/restart-unhealthy-instance.yaml:112', 'none'],
  ['test/fixtures/terminal-check.runbook.yaml:12', 'none'],
  ['test/fixtures/terminal-check.runbook.yaml:17', 'deletes files (rm)'],
  ['test/fixtures/terminal-check.runbook.yaml:22', 'none'],
  ['test/fixtures/terminal-check.runbook.yaml:27', 'none'],
  ['test/fixtures/terminal-check.runbook.yaml:32', 'none'],
  ['test/fixtures/terminal-check.runbook.yaml:37', 'none'],
];

/** The files under `dir` (repository-relative), at any depth. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, dir), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
}

/** The runbook files pinned here: the shipped ones, and the fixtures' (not their READMEs or source lists). */
function runbookFiles(): string[] {
  const files = [
    ...filesUnder('runbooks'),
    ...filesUnder('test/fixtures').filter((f) => f.endsWith('.runbook.yaml')),
    ...filesUnder('test/fixtures/runbook-formats'),
    ...filesUnder('test/fixtures/corpus/runbooks'),
  ].filter((f) => !/\/(?:README\.md|SOURCES\.txt)$/.test(f));
  return [...new Set(files)];
}

const byPlace = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

describe('runbooks: destructive answers pinned for every shipped and fixture command', () => {
  it('keeps the table sorted, one row a command', () => {
    const places = EXPECTED.map(([where]) => where);
    assert.deepEqual(places, [...places].sort(byPlace));
    assert.equal(new Set(places).size, places.length);
  });

  it('gives each command the answer in the table', () => {
    const actual = new Map<string, { answer: string; run: string }>();
    for (const file of runbookFiles()) {
      const parsed = parseRunbookFile(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'));
      for (const command of parsed.runbooks.flatMap((r) => r.steps.flatMap((s) => s.commands))) {
        const answer =
          destructiveFindings(command.run, command.lang)
            .map((f) => f.reason)
            .join(' + ') || 'none';
        const where = `${file}:${command.position.line}`;
        assert.ok(!actual.has(where), `two commands at ${where}: the table cannot tell them apart`);
        actual.set(where, { answer, run: command.run });
      }
    }
    const expected = new Map(EXPECTED);
    // Each difference with its command, so a failure shows what changed where.
    const differences = [...new Set([...expected.keys(), ...actual.keys()])].sort(byPlace).flatMap((where) => {
      const was = expected.get(where) ?? '(no such command in the table)';
      const now = actual.get(where);
      const is = now?.answer ?? '(no such command in the runbooks)';
      return was === is ? [] : [`${where} ${JSON.stringify(now?.run.split('\n')[0] ?? '')}: ${was} -> ${is}`];
    });
    assert.deepEqual(differences, []);
  });

  it('gives each command the same answer with every rule word on a line before it (no rule skipped that could match)', () => {
    for (const file of runbookFiles()) {
      const parsed = parseRunbookFile(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'));
      for (const command of parsed.runbooks.flatMap((r) => r.steps.flatMap((s) => s.commands))) {
        const reasons = (run: string) => destructiveFindings(run, command.lang).map((f) => f.reason);
        assert.deepEqual(reasons(`${EVERY_RULE_WORD_LINE}\n${command.run}`), reasons(command.run), `${file}:${command.position.line}`);
      }
    }
  });
});
