import * as assert from 'node:assert/strict';
import { destructiveFindings, destructiveReason, EVERY_RULE_WORD_LINE } from '../../../src/core/runbooks/destructive';
import { fillVariables, findVariables, variablesFromIncident } from '../../../src/core/runbooks/variables';

describe('runbooks: destructive commands', () => {
  const destructive: [string, RegExp][] = [
    ['rm -rf /var/lib/app/cache', /deletes files/],
    ['sudo rm perf.data', /deletes files/],
    // xargs gives rm its operands.
    ["find /var/tmp -name '*.lock' | xargs rm", /deletes files/],
    ['ls -t backup-*.tar.gz | tail -n +8 | xargs -r sudo /bin/rm', /deletes files/],
    ['kubectl -n prod delete pod checkout-7f9c', /kubectl delete/],
    ['kubectl -n prod rollout undo deploy/checkout', /rollout undo/],
    ['kubectl -n prod drain node-3 --ignore-daemonsets', /drain/],
    ['kubectl scale deploy/checkout --replicas=0', /zero replicas/],
    ['psql -c "DROP TABLE orders;"', /DROP/],
    ['sudo -u postgres dropdb checkout_staging', /DROP/],
    ['mysqladmin -u root -p drop checkout', /DROP/],
    [`psql -d orders -c "UPDATE orders SET status = 'cancelled'"`, /UPDATE without WHERE/],
    ['update carts c set expires_at = now();', /UPDATE without WHERE/],
    ['TRUNCATE sessions;', /truncate/],
    ['delete from carts;', /DELETE without WHERE/],
    ['git push --force origin main', /git push --force/],
    ['git push -f', /git push --force/],
    ['git reset --hard HEAD~3', /reset --hard/],
    // git's own options before the verb, and a force push by a `+` refspec.
    ['git -C deploy-repo push --force origin main', /git push --force/],
    ['git -c core.hooksPath=/dev/null push -f', /git push --force/],
    ['git --git-dir=/srv/app/.git push --force-with-lease', /git push --force/],
    ['git push origin +main', /git push --force/],
    ['git push origin --delete release-42', /deletes a branch or tag on the remote/],
    ['git -C deploy-repo push -d origin hotfix', /deletes a branch or tag on the remote/],
    ['git push origin :refs/tags/v1.4.2', /deletes a branch or tag on the remote/],
    ['git -C /srv/app reset --hard origin/main', /reset --hard/],
    // git clean deletes untracked files once forced, whatever other flags share the option.
    ['git clean -fd', /clean -f/],
    ['git -C /srv/app clean -fdx', /clean -f/],
    ['git clean -d -x -f', /clean -f/],
    ['git clean --force -d', /clean -f/],
    ['helm uninstall checkout -n prod', /helm uninstall/],
    ['helm -n prod rollback checkout 0', /Helm release back/],
    ['terraform destroy -auto-approve', /terraform destroy/],
    ['terraform apply -destroy', /terraform destroy/],
    // Terraform's own confirmation skipped.
    ['terraform apply -auto-approve', /terraform apply -auto-approve/],
    ['terraform -chdir=infra apply -input=false --auto-approve', /terraform apply -auto-approve/],
    ['terraform -chdir=infra apply -input=false --destroy', /terraform destroy/],
    ['redis-cli FLUSHALL', /FLUSHALL/],
    ["select pg_terminate_backend(pid) from pg_stat_activity where state = 'idle in transaction'", /pg_terminate_backend/],
    ['kill -9 4242', /kills processes/],
    // SIGKILL by name or number, in each way kill takes a signal.
    ['kill -s KILL 4242', /kills processes/],
    ['kill -s SIGKILL $(cat /run/app.pid)', /kills processes/],
    ['kill -n 9 4242', /kills processes/],
    ['sudo kill -kill 4242', /kills processes/],
    ['/bin/kill --signal=KILL 4242', /kills processes/],
    ['pgrep -f celery | xargs kill -SIGKILL', /kills processes/],
    ['pkill -9 -f gunicorn', /kills processes/],
    ['killall -9 java', /kills processes/],
    ['aws ec2 terminate-instances --instance-ids i-123', /cloud resources/],
    ['aws s3 rb s3://checkout-artifacts --force', /cloud resources/],
    ['aws s3 sync ./build s3://checkout-static --delete', /cloud resources/],
    ['gcloud storage rsync -r ./build gs://checkout-static --delete-unmatched-destination-objects', /cloud resources/],
    ['/opt/gitlab/embedded/bin/redis-cli -p 26379 SENTINEL failover CLUSTER_NAME', /failover/],
    ['sudo systemctl stop redis-bigkeys-extract.timer', /stops a service/],
    // A restart drops connections and in-flight work too; so does stopping or restarting a container.
    ['sudo systemctl restart nginx', /stops a service or restarts it/],
    ['systemctl --no-block try-restart pgbouncer', /stops a service or restarts it/],
    ['service php-fpm restart', /stops a service or restarts it/],
    ['sudo gitlab-ctl restart sidekiq', /stops a service or restarts it/],
    ['sudo -u postgres pg_ctl -D /var/lib/postgresql/data stop -m fast', /stops a service/],
    ['pg_ctlcluster 15 main restart', /stops a service or restarts it/],
    ['docker restart checkout-api', /stops or restarts containers/],
    ['docker container stop $(docker ps -q --filter name=worker)', /stops or restarts containers/],
    ['docker kill haproxy', /stops or restarts containers/],
    ['docker kill -s KILL haproxy', /kills processes/],
    ['docker compose -f /srv/app/compose.yml restart web', /stops or restarts containers/],
    // Taking the whole host down.
    ['sudo reboot', /reboots or powers off the host/],
    ['ssh db-1 sudo shutdown -r now', /reboots or powers off/],
    ["ssh db-1 'systemctl reboot'", /reboots or powers off/],
    ['sync && /sbin/poweroff', /reboots or powers off/],
    // A command's later lines are commands too, as are those a here-document gives a shell.
    ['df -h /\nreboot', /reboots or powers off/],
    ['systemctl is-system-running\n  shutdown -r +1', /reboots or powers off/],
    ["sh <<'EOF'\nsync\nreboot\nEOF", /reboots or powers off/],
    ["printf '%s\\n' 'cd /' reboot | sudo sh", /reboots or powers off/],
    ['echo ls | sh; echo reboot | sh', /reboots or powers off/],
    // A reboot or failover handed to another shell, or run after a message, is still run.
    ["sh -c 'reboot'", /reboots or powers off/],
    ["ssh db-1 'sudo reboot'", /reboots or powers off/],
    ['ssh db-1 "echo rebooting now; sudo reboot"', /reboots or powers off/],
    ['echo "reboot required" && sudo reboot', /reboots or powers off/],
    ["logger -t maint 'rebooting' ; reboot", /reboots or powers off/],
    // What echo prints, piped into a command that may run it, is run.
    ["echo 'sudo reboot' | ssh db-1 bash", /reboots or powers off/],
    ["printf 'reboot\\n' |& sudo sh", /reboots or powers off/],
    ['echo patronictl failover --force | ssh db-1 sh', /failover/],
    ['ssh db-1 "echo sudo reboot | sh"', /reboots or powers off/],
    // The text printed into a shell is read as the commands it is, by every rule: the word need not
    // start the line, be quoted or follow sudo.
    ['echo reboot | sh', /reboots or powers off/],
    ["printf 'reboot\\n' | bash", /reboots or powers off/],
    ['echo "systemctl stop nginx" | sudo sh', /stops a service/],
    ['echo reboot | bash -s', /reboots or powers off/],
    ['echo shutdown -r now | ssh -i ~/.ssh/ops -p 2222 db-1 sudo bash', /reboots or powers off/],
    ['echo poweroff | ssh db-1', /reboots or powers off/],
    ['echo reboot | sudo -u root sh', /reboots or powers off/],
    ['echo reboot | xargs -I{} sh -c {}', /reboots or powers off/],
    ["echo halt | xargs -I % sudo bash -c '%'", /reboots or powers off/],
    ['ssh db-1 "echo reboot | sh"', /reboots or powers off/],
    ['echo "echo reboot | sh" | sh', /reboots or powers off/],
    ["printf '%s\\n' reboot | sudo sh", /reboots or powers off/],
    ['echo "rm -rf /srv/data" | ssh db-1 sudo sh', /deletes files/],
    ["echo 'kill -9 4242' | sh", /kills processes/],
    ["printf 'cd /srv\\nrm -r cache\\n' | sh -x", /deletes files/],
    ['aws rds failover-db-cluster --db-cluster-identifier orders', /failover/],
    ['aws rds reboot-db-instance --db-instance-identifier orders --force-failover', /failover/],
    ['patronictl -c /etc/patroni.yml failover --candidate db-2 --force', /failover/],
    ['patronictl switchover --leader db-1 --candidate db-2', /failover/],
    ['redis-cli -h cache-1 CLUSTER FAILOVER', /failover/],
    ['gcloud sql instances failover orders-primary', /failover/],
    ["ssh db-1 'patronictl failover --force'", /failover/],
    ['echo "failing over" && patronictl failover --force', /failover/],
    // A read-only look beside a failover, or what grep finds piped into a shell, is no excuse.
    ['az sql failover-group set-primary -g prod -s orders-dr -n orders-fg', /failover/],
    ['az sql instance-failover-group set-primary -g prod -n mi-fg -l westeurope', /failover/],
    [
      'az sql failover-group show -g prod -s orders -n orders-fg && az sql failover-group set-primary -g prod -s orders-dr -n orders-fg',
      /failover/,
    ],
    [
      'aws rds describe-db-clusters --db-cluster-identifier orders && aws rds failover-db-cluster --db-cluster-identifier orders',
      /failover/,
    ],
    ['grep -c failover app.log; patronictl failover --force', /failover/],
    ["grep -h 'patronictl failover' runbook-steps.txt | sh", /failover/],
    ['journalctl -u patroni | grep -i failover && sudo reboot', /reboots or powers off/],
    ['gcloud sql instances failover orders-primary --quiet', /failover/],
    ['aws sns publish --message "failover started" && aws rds failover-db-cluster --db-cluster-identifier orders', /failover/],
    // docker compose down removes the containers (and with -v the volumes).
    ['docker compose -p checkout down -v', /removes containers/],
    ['docker-compose down --remove-orphans', /removes containers/],
    ['dd if=/dev/zero of=/dev/sda bs=1M', /disk/],
    // find deletes what it finds with -delete, or through rm.
    ["find /var/log/app -name '*.tmp' -delete", /find -delete/],
    ['sudo find /srv/backups -type f -mtime +14 -delete', /find -delete/],
    ["ssh db-1 'find /var/lib/postgresql/archive -mmin +600 -delete'", /find -delete/],
    ['ionice -c3 /usr/bin/find /data/tmp -depth -delete', /find -delete/],
    ['find . -exec rm {} \\;', /deletes files/],
    ["find /tmp -name '*.core' -exec rm -rf {} +", /deletes files/],
    // Continued lines (`\` newline) are one command to the shell; `//` starts a path, not a comment.
    ['kubectl -n prod \\\n  delete deployment api', /kubectl delete/],
    ['helm -n prod \\\n  uninstall checkout', /helm uninstall/],
    ['terraform -chdir=infra \\\n  destroy', /terraform destroy/],
    ['git push origin main \\\n  --force', /git push --force/],
    ['kubectl scale deploy/checkout \\\n  --replicas=0', /zero replicas/],
    ['aws ec2 \\\r\n  terminate-instances --instance-ids i-123', /cloud resources/],
    ['//bin/rm -rf /srv/data', /deletes files/],
    ['/usr/bin/kill -9 4242', /kills processes/],
    ['# a comment line ends at its newline, \\\nrm -rf /srv/data', /deletes files/],
    // A `>` redirection truncates the file it names before the command runs: one outside the working
    // folder, or one not known until it runs.
    ['echo "maintenance" >/srv/app/state', /overwrites the file/],
    [': > /var/log/nginx/access.log', /overwrites the file/],
    ['journalctl -u app 2> /var/log/app/errors.log', /overwrites the file/],
    ['pg_dump orders &> /var/backups/orders.sql', /overwrites the file/],
    ['cat <<EOF >| /etc/app/limits.conf\nmax=10\nEOF', /overwrites the file/],
    ['echo $(date) > "$STATE_FILE"', /overwrites the file/],
    ["echo 1 > '/proc/sys/vm/drop_caches'", /overwrites the file/],
    ['cat id_rsa.pub > ~/.ssh/authorized_keys', /overwrites the file/],
    ['kubectl get cm app -o yaml > ../deploy/app-config.yaml', /overwrites the file/],
    ['kubectl -n <namespace> get pods -o wide > <pods file>', /overwrites the file/],
    ['echo {{value}} > {{state_file}}', /overwrites the file/],
    // `tee` truncates the files it names as `>` does, unless it appends.
    ["echo 'vm.swappiness=10' | sudo tee /etc/sysctl.d/99-swap.conf", /overwrites the file tee writes to/],
    ['kubectl get cm app -o yaml | tee -p "$BACKUP_FILE"', /overwrites the file tee writes to/],
    ['cat limits.conf | tee ~/.config/app/limits.conf > /dev/null', /overwrites the file tee writes to/],
    ['kubectl -n prod rollout restart deploy/checkout', /restarts every pod/],
    ['oc rollout restart dc/checkout', /restarts every pod/],
    ['oc adm drain node-3 --ignore-daemonsets --delete-emptydir-data', /drain/],
    ['oc adm cordon node-3', /drain/],
    ['crontab -r', /crontab -r/],
    ['sudo crontab -u app -r', /crontab -r/],
    ['sudo iptables -F', /firewall rules/],
    ['iptables -t nat --flush', /firewall rules/],
    ['ip6tables -F INPUT', /firewall rules/],
    ['sudo nft flush ruleset', /firewall rules/],
    ['git checkout -- .', /discards uncommitted changes/],
    ['git checkout .', /discards uncommitted changes/],
    ['git -C /srv/app checkout -- config/app.yml', /discards uncommitted changes/],
    ['git checkout -f main', /discards uncommitted changes/],
    ['git restore .', /discards uncommitted changes/],
    ['git restore --staged --worktree src/', /discards uncommitted changes/],
    ['git stash clear', /stashed changes/],
    ['git -C /srv/app stash drop stash@{0}', /stashed changes/],
    ['redis-cli -h cache-1 SHUTDOWN NOSAVE', /stops the Redis server/],
    ['/opt/gitlab/embedded/bin/redis-cli -p 6379 shutdown', /stops the Redis server/],
    ['redis-cli -n 3 FLUSHDB', /FLUSHALL\/FLUSHDB/],
    ['consul kv delete -recurse service/checkout/', /consul kv delete/],
    ['ETCDCTL_API=3 etcdctl --endpoints=$EP del /registry/pods/prod/x', /etcdctl del/],
    ['etcdctl del --prefix /config/', /etcdctl del/],
    // A process killed by pid is killed as one killed by name: any signal that can end or stop it asks twice.
    ['kill 4242', /kills processes/],
    ['kill $(cat /run/app.pid)', /kills processes/],
    ['sudo kill -TERM "$PID"', /kills processes/],
    ['kill -15 4242', /kills processes/],
    ['kill -INT 4242', /kills processes/],
    ['kill -2 4242', /kills processes/],
    // QUIT is a thread dump only for a JVM; it ends most processes.
    ['kill -QUIT $(pgrep -f unicorn)', /kills processes/],
    ['kill -3 4242', /kills processes/],
    ['kill -s ABRT 4242', /kills processes/],
    ['kill -6 4242', /kills processes/],
    // STOP and TSTP freeze the service; WINCH shuts nginx's workers down.
    ['kill -STOP 4242', /kills processes/],
    ['kill -SIGTSTP 4242', /kills processes/],
    ['kill -WINCH $(cat /run/nginx.pid)', /kills processes/],
    // A number that is not the same signal everywhere, or a signal only known when it runs: 10 and 12
    // are USR1 and USR2 on Linux but BUS and SYS, which end a process, on macOS (a responder's laptop).
    ['kill -10 4242', /kills processes/],
    ['kill -12 4242', /kills processes/],
    ['kill -18 4242', /kills processes/],
    ['kill -30 4242', /kills processes/],
    ['kill -$SIG 4242', /kills processes/],
    ['kill -s "$SIGNAL" 4242', /kills processes/],
    ['kill -HUP$X 4242', /kills processes/],
    // A reload before an end still ends something: the next command, or a second signal the tool reads.
    ['kill -HUP 1 && kill 2', /kills processes/],
    ['kill -HUP 1; kill -9 2', /kills processes/],
    ['ssh web-1 "kill -USR1 1; kill 2"', /kills processes/],
    ['kill -HUP $(kill 1)', /kills processes/],
    ['kill -HUP -s KILL 4242', /kills processes/],
    ['/bin/kill --signal HUP --timeout 1000 KILL 4242', /kills processes/],
    ['kill -HUP -1', /kills processes/],
    ['killall -HUP -KILL haproxy', /kills processes/],
    ['pkill -USR1 -9 puma', /kills processes/],
    ['pkill -f puma --signal USR1 -9', /kills processes/],
    // A reload of every process (`-- -1`, or pkill's -v: all but those named) ends some; so does a
    // second signal, a quoted KILL, or a quote left open.
    ['kill -HUP -- -1', /kills processes/],
    // Process 0 is the shell's own process group: the terminal's shell, which a hang-up ends.
    ['kill -HUP 0', /kills processes/],
    ['kill -s HUP 0', /kills processes/],
    ['sudo kill -USR1 123 0', /kills processes/],
    ['kill -HUP -- 0', /kills processes/],
    ['pkill -v -f puma --signal HUP', /kills processes/],
    ['kill -9 -- -1234', /kills processes/],
    ['kill -s "KILL" 4242', /kills processes/],
    ['kill -s "HUP\' 4242', /kills processes/],
    ['pgrep -f celery | xargs kill', /kills processes/],
    ['pkill java', /kills processes/],
    ['killall -TERM java', /kills processes/],
    ['kill <pid>', /kills processes/],
    ['kill {{pid}}', /kills processes/],
    // A dry run of something else on the line does not make a real delete one.
    ['kubectl delete pod x --dry-run=client -o yaml && kubectl delete pod x', /kubectl delete/],
    ['kubectl delete pod x --dry-run=none', /kubectl delete/],
    ['terraform -chdir=infra apply -auto-approve plan.tfplan', /terraform apply -auto-approve/],
    // A failover named as a command, sub-command or option, wherever the line also names a failover
    // file or resource; a script holding the word that is run, or a file of one piped into a shell.
    ['patronictl failover', /failover/],
    ['kubectl exec -it db-failover-0 -- patronictl failover --force', /failover/],
    ['kubectl -n prod exec pg-0 -- patronictl failover', /failover/],
    ['sudo /opt/scripts/pg-failover.sh --promote db-2', /failover/],
    ['./failover.sh db-2', /failover/],
    ['cat steps/failover.sh | sh', /failover/],
    ["kubectl get cm failover-steps -o jsonpath='{.data.run}' | bash", /failover/],
    ['tail -n 20 /var/log/failover.log; patronictl failover --force', /failover/],
    ['kubectl get svc pg-failover && aws rds failover-db-cluster --db-cluster-identifier orders', /failover/],
    ['aws elasticache test-failover --replication-group-id orders --node-group-id 0001', /failover/],
    // rm as code in quotes, given to a shell or to ssh's remote shell.
    ["bash -c 'rm -rf /x'", /deletes files \(rm\)/],
    ['sh -c "$(echo \'rm -rf /x\')"', /deletes files \(rm\)/],
    ["ssh h 'sudo rm -rf /x'", /deletes files \(rm\)/],
    ['ssh db-1 "cd /srv && rm -rf cache"', /deletes files \(rm\)/],
    // rm printed where something runs it: a pipe into a shell or a command substitution; and any
    // command after an echo.
    ['echo rm -rf x | sh', /deletes files \(rm\)/],
    ['echo rm -rf x | kubectl exec -i pg-0 -- sh', /deletes files \(rm\)/],
    ['rm -rf x; echo done', /deletes files \(rm\)/],
    ['echo start && rm -rf x', /deletes files \(rm\)/],
    ['$(echo rm -rf /srv/data)', /deletes files \(rm\)/],
    ['`echo rm -rf /srv/data`', /deletes files \(rm\)/],
    // Printed into ssh with no remote command, or a remote shell, the text is run.
    ['echo "reboot" | ssh h', /reboots or powers off/],
    ['echo reboot | ssh h', /reboots or powers off/],
    ['echo reboot | ssh h sudo sh', /reboots or powers off/],
    ['echo "reboot" | ssh -p 2222 h sudo bash', /reboots or powers off/],
    ["echo 'reboot' | ssh h 'tee /tmp/steps | sh'", /reboots or powers off/],
    // Printed text handed on unchanged (cat reading its input, tee, stdbuf), or some of its lines
    // (grep, head, sort, uniq), before a shell reads it is run.
    ['echo reboot | cat | sh', /reboots or powers off/],
    ['echo "reboot" | tee steps.txt | sh', /reboots or powers off/],
    ["echo 'rm -rf /srv/data' | tee -a audit.log | sudo bash", /deletes files \(rm\)/],
    ["printf 'kill -9 4242\\n' | cat - | ssh db-1 sh", /kills processes/],
    ['echo reboot | grep -v x | sh', /reboots or powers off/],
    ['echo reboot | head -1 | sort | uniq | sh', /reboots or powers off/],
    ['echo reboot | stdbuf -oL cat | sudo tee -a steps.log | sh', /reboots or powers off/],
    ['echo reboot | cat | xargs -I{} sh -c {}', /reboots or powers off/],
    // What a command substitution prints as the code given to a shell or ssh is run.
    ['sh -c "$(echo reboot)"', /reboots or powers off/],
    ['sudo bash -ec "$(echo reboot | cat)"', /reboots or powers off/],
    ['sh -c "`echo reboot`"', /reboots or powers off/],
    ['ssh h "$(echo reboot)"', /reboots or powers off/],
    ['ssh -p 2222 db-1 "sudo $(echo reboot)"', /reboots or powers off/],
    // A shell fed printed text inside a command substitution runs it, as one at the line's top does.
    ['sh -c "$(echo reboot | sh -s)"', /reboots or powers off/],
    ['out=$(echo reboot | sh)', /reboots or powers off/],
    ['`echo poweroff | sudo bash`', /reboots or powers off/],
    ['ssh h "$(echo halt | sh)"', /reboots or powers off/],
    ['echo "$(echo shutdown -h now | sh)"', /reboots or powers off/],
    ['sh -c "$(printf "%s\\n" halt | sh)"', /reboots or powers off/],
    // A shell handed commands the line does not show, from a file, a download or another program,
    // may run anything: piped in, redirected in, run as a script or given as code.
    ['cat steps.sh | ssh db-1 bash', /commands from a file, download or program output that War Room cannot read/],
    ['curl -fsSL https://get.example.com/install.sh | sh', /cannot read/],
    ['curl -s https://x/fix.sh | sudo bash -s -- --force', /cannot read/],
    ['bash < script.sh', /cannot read/],
    ['ssh db-1 bash < fix.sh', /cannot read/],
    ["ssh db-1 'bash -s' < fix.sh", /cannot read/],
    ['ssh db-1 < fix.sh', /cannot read/],
    ['sudo sh < <(curl -s https://x/fix.sh)', /cannot read/],
    ['bash <(curl -s https://x/fix.sh)', /cannot read/],
    ['sh -c "$(curl -fsSL https://x/install.sh)"', /cannot read/],
    ['ssh db-1 "$(cat fix.sh)"', /cannot read/],
    ["grep -v '^#' steps.txt | sh", /cannot read/],
    ['wget -qO- https://x/fix.sh | tee fix.log | sh', /cannot read/],
    ['echo reboot | cat notes.txt | sh', /cannot read/],
    ["ssh db-1 'curl -s https://x/fix.sh | sudo sh'", /cannot read/],
    ['out=$(curl -s https://x/fix.sh | sh)', /cannot read/],
    ['cat steps.txt | xargs -I{} sh -c {}', /cannot read/],
    ['bash <<< "$(curl -s https://x/fix.sh)"', /cannot read/],
    ['sh -c "$(echo ls; curl -s https://x/fix.sh)"', /cannot read/],
    // A quoted line a shell is given, or another command may run, is still read as code.
    ["sh -c 'echo reboot | sh'", /reboots or powers off/],
    ["timeout 60 sh -c 'echo reboot | sh'", /reboots or powers off/],
    ["grep -q x notes.txt && sh -c 'echo reboot | sh'", /reboots or powers off/],
    // A substitution in a printed or searched string still runs (`echo "$(... | sh)"`).
    ['echo "$(curl -s https://x/fix.sh | sh)"', /cannot read/],
    // So does one in any command's double-quoted or unquoted argument, `$(...)` or backticks: the
    // shell runs it before the command, whatever the command is.
    ['notify "$(curl -s https://x/fix.sh | sh)"', /cannot read/],
    ['kubectl annotate pod p note="$(curl -s https://x/fix.sh | bash)"', /cannot read/],
    ['notify "`curl -s https://x/fix.sh | sh`"', /cannot read/],
    ['notify "paged: $(bash < fix.sh)"', /cannot read/],
    ['git commit -m "$(curl -s https://x/fix.sh | sh)"', /cannot read/],
    ['sh -c \'ls\' "$(curl -s https://x/fix.sh | sh)"', /cannot read/],
    ['notify "$(eval "$(curl -s https://x/env.sh)")"', /downloads or reads from a file/],
    // A variable given as code in a substitution, as at the line's top.
    ['notify "$(sh -c "$CMD")"', /commands a variable holds/],
    ['out=$(eval "$CMD")', /commands a variable holds/],
    ['notify `bash -c "$FIX"`', /commands a variable holds/],
    // A shell in a container or pod fed a file or a download: `-i` (kubectl's `--stdin`) hands it the
    // input; docker compose's exec always does.
    ['docker exec -i checkout-api sh < fix.sh', /cannot read/],
    ['docker exec -i -e DEBUG=1 checkout-api sh < fix.sh', /cannot read/],
    ['docker run -i --detach=false alpine sh < fix.sh', /cannot read/],
    ['kubectl exec -i pg-0 -- sh < fix.sh', /cannot read/],
    ['kubectl -n prod exec -i pg-0 -c db -- bash -s < fix.sh', /cannot read/],
    ['kubectl exec --stdin pg-0 -- sudo sh < fix.sh', /cannot read/],
    ['cat fix.sh | docker exec -i checkout-api sh', /cannot read/],
    ['curl -s https://x/fix.sh | oc exec -i pg-0 -- bash', /cannot read/],
    ['docker compose exec -T web sh < fix.sh', /cannot read/],
    ['podman exec -i -u root -w /srv app bash < fix.sh', /cannot read/],
    // nerdctl takes docker's words, for exec, run and compose.
    ['nerdctl exec -i checkout-api sh < fix.sh', /cannot read/],
    ['curl -s https://x/fix.sh | nerdctl -n k8s.io exec -i c1 bash', /cannot read/],
    ['nerdctl run -i --rm alpine sh < fix.sh', /cannot read/],
    ['nerdctl compose exec -T web sh < fix.sh', /cannot read/],
    ['podman-compose exec web sh < fix.sh', /cannot read/],
    ['echo reboot | docker exec -i checkout-api sh', /reboots or powers off/],
    // So does one in a new container or pod (`docker run -i`, `kubectl run -i ... --`), past docker
    // run's options that take a value, or set as its entrypoint.
    ['docker run -i fixer:1 sh < fix.sh', /cannot read/],
    ['docker run -i --rm alpine bash -s < fix.sh', /cannot read/],
    ['cat fix.sh | docker run -i alpine sh', /cannot read/],
    ['podman run -i --rm alpine sh < fix.sh', /cannot read/],
    ['curl -s https://x/fix.sh | podman container run -i alpine sh', /cannot read/],
    ['docker run -i -v /srv:/srv -e MODE=fix --name fixer -w /srv --network host -u root alpine sh < fix.sh', /cannot read/],
    ['docker run -i --rm --entrypoint sh alpine < fix.sh', /cannot read/],
    ['kubectl run -i --rm dbg --image=busybox -- sh < fix.sh', /cannot read/],
    ['kubectl -n prod run dbg -i --rm --image=busybox --restart=Never -- bash -s < fix.sh', /cannot read/],
    ['cat fix.sh | oc run -i dbg --image=busybox -- sh', /cannot read/],
    ['echo reboot | docker run -i --rm alpine sh', /reboots or powers off/],
    ['docker run --rm alpine sh -c "$CMD"', /commands a variable holds/],
    // An option missing from the table that takes a value (a newer release's, a typo's) leaves its value
    // where the image would be: options after it say the options go on (known flags do not).
    ['docker run --gpu-mode all -i fixer:1 sh < fix.sh', /cannot read/],
    ['podman run --userns-mode auto -i --rm alpine bash -s < fix.sh', /cannot read/],
    ['cat fix.sh | docker run --new-opt x --new-opt y --interactive alpine sh', /cannot read/],
    // compose's run, like its exec, always hands on its input (with -T too), past its options that take
    // a value, or set as its entrypoint.
    ['docker compose run --rm -e MODE=fix -v /srv:/srv -w /srv -u root --name fixer web sh < fix.sh', /cannot read/],
    ['docker-compose run -T web bash -s < fix.sh', /cannot read/],
    ['cat fix.sh | docker compose -f ops.yml run --rm -l team=ops -p 8080:80 --pull never web sh', /cannot read/],
    ['docker compose run --rm --entrypoint sh web < fix.sh', /cannot read/],
    // kubectl debug with -i, like exec and run; oc debug has no -i, and hands its command the input
    // with -t or -T.
    ['kubectl debug -i node/worker-1 --image=busybox -- sh < fix.sh', /cannot read/],
    ['kubectl debug -it pod/pg-0 --image=busybox --target=db -- bash -s < fix.sh', /cannot read/],
    ['cat fix.sh | kubectl -n prod debug --stdin pg-0 --image busybox -- sh', /cannot read/],
    ['oc debug -t node/worker-1 -- sh < fix.sh', /cannot read/],
    ['curl -s https://x/fix.sh | oc debug -T node/worker-1 -- bash', /cannot read/],
    // eval or source of what a command downloads or reads from a file runs commands no line shows.
    ['eval "$(curl -fsSL https://x/env.sh)"', /commands it downloads or reads from a file, which War Room cannot read/],
    ['eval "$(cat steps.sh)"', /downloads or reads from a file/],
    ['eval $(wget -qO- https://x/env.sh)', /downloads or reads from a file/],
    ['eval "$(< steps.sh)"', /downloads or reads from a file/],
    ['eval "$(base64 -d < blob.txt)"', /downloads or reads from a file/],
    ['eval "$(echo ZWNobyBoaQo= | base64 --decode)"', /downloads or reads from a file/],
    ['eval "$(sudo cat /root/steps.sh)"', /downloads or reads from a file/],
    // So does a file read in a container or pod, which the line shows no more than one here.
    ['eval "$(kubectl exec pg-0 -- cat /tmp/fix.sh)"', /downloads or reads from a file/],
    ['eval "$(docker exec checkout-api cat /x.sh)"', /downloads or reads from a file/],
    ['source <(docker compose exec -T web cat /srv/env.sh)', /downloads or reads from a file/],
    ['eval "$(kubectl exec pg-0 -- curl -s https://x/env.sh)"', /downloads or reads from a file/],
    ['source <(curl -s https://x/env.sh)', /downloads or reads from a file/],
    ['. <(curl -s https://x/env.sh)', /downloads or reads from a file/],
    ['source /dev/stdin <<< "$(curl -s https://x/env.sh)"', /downloads or reads from a file/],
    ['curl -s https://x/env.sh | source /dev/stdin', /downloads or reads from a file/],
    ['. /dev/stdin < steps.sh', /downloads or reads from a file/],
    ['echo reboot | source /dev/stdin', /reboots or powers off/],
    // A shell, ssh or eval given a variable as its code, or fed one, runs what the variable holds.
    ['echo "$CMD" | sh', /runs commands a variable holds, which War Room cannot read/],
    ['printf \'%s\' "$SCRIPT" | bash', /commands a variable holds/],
    ['sh -c "$CMD"', /commands a variable holds/],
    ['bash -c "$1"', /commands a variable holds/],
    ['sudo bash -c "${FIX_CMD}"', /commands a variable holds/],
    ["sh -c 'cd /srv && $STEP'", /commands a variable holds/],
    ['ssh db-1 "$REMOTE_CMD"', /commands a variable holds/],
    ['eval "$CMD"', /commands a variable holds/],
    ['sh -c "$TOOL$ARGS"', /commands a variable holds/],
    ['A=ls; sh -c "${B}$A"', /commands a variable holds/],
    ['CMD=ls; sh -c "cd $DIR && $CMD"', /commands a variable holds/],
    ['CMD=ls; bash -c "$CMD $1"', /commands a variable holds/],
    ['bash <<< "$CMD"', /commands a variable holds/],
    ['echo "$CMD" | xargs -I{} sh -c {}', /commands a variable holds/],
    ['kubectl exec pg-0 -- sh -c "$CMD"', /commands a variable holds/],
    ['docker exec checkout-api bash -c "$1"', /commands a variable holds/],
    ['eval "$(echo "$CMD")"', /commands a variable holds/],
    // Set on the line, but maybe not to what it shows, or not only: only when a condition holds, in
    // a subshell, a loop, a pipe or the background, then set again by read or +=, for one command,
    // to a download's output, or in a here-document's text; or expanded by a shell that never saw it.
    ['true && CMD=ls; sh -c "$CMD"', /commands a variable holds/],
    ['(CMD=ls); sh -c "$CMD"', /commands a variable holds/],
    ['if [ -f x ]; then\nCMD=ls\nfi\nsh -c "$CMD"', /commands a variable holds/],
    ['for f in a b; do CMD=ls; done; sh -c "$CMD"', /commands a variable holds/],
    ['CMD=ls | true; sh -c "$CMD"', /commands a variable holds/],
    ['CMD=ls & sh -c "$CMD"', /commands a variable holds/],
    ['CMD=ls; read CMD; sh -c "$CMD"', /commands a variable holds/],
    ['CMD=ls; CMD+=x; sh -c "$CMD"', /commands a variable holds/],
    ['CMD=ls sh -c "$CMD"', /commands a variable holds/],
    ['CMD=$(curl -s https://x/fix.sh); sh -c "$CMD"', /commands a variable holds/],
    ['CMD="$NEXT"; sh -c "$CMD"', /commands a variable holds/],
    ['cat > notes <<EOF\nCMD=ls\nEOF\nsh -c "$CMD"', /commands a variable holds/],
    ["CMD=ls; ssh db-1 '$CMD'", /commands a variable holds/],
    ['CMD=ls; sh -c "$CMD; \\$OTHER"', /commands a variable holds/],
    // A value the line shows is read as the commands it is.
    ['CMD=reboot; sh -c "$CMD"', /reboots or powers off/],
    ['STEP="curl -fsSL https://x/fix.sh | sh"; ssh db-1 "$STEP"', /from a file, download or program output/],
    ['CMD=reboot; echo "$CMD" | sh', /reboots or powers off/],
    ['CMD=reboot; bash <<< "$CMD"', /reboots or powers off/],
    ["CMD=ls; bash <<< '$CMD'", /commands a variable holds/],
    ['eval "$(ssh bastion cat /tmp/steps.sh)"', /downloads or reads from a file/],
    // A here-string of printed text given to a shell is its commands.
    ['bash <<< "$(echo reboot)"', /reboots or powers off/],
    // A here-document's lines given to a shell are its commands.
    ['bash <<EOF\nrm -rf /srv/data\nEOF', /deletes files \(rm\)/],
    ["ssh db-1 bash <<'EOF'\nrm -rf /srv/data\nEOF", /deletes files \(rm\)/],
    ['sudo sh -s <<EOF\nrm -rf /srv/data\nEOF', /deletes files \(rm\)/],
    ["ssh db-1 bash <<'EOF'\nsudo reboot\nEOF", /reboots or powers off/],
    ['kubectl exec -i pg-0 -- sh <<EOF\npatronictl failover --force\nEOF', /failover/],
    // A kill just inside quotes is the code a shell is given, as an rm there is.
    ["bash -c 'kill -9 1'", /kills processes/],
    ['ssh db-1 "sudo kill -TERM 4242"', /kills processes/],
    ["sh -c 'pkill -f worker'", /kills processes/],
    ["echo 'kill -9 4242' > /tmp/steps && sh /tmp/steps; kill -9 4242", /kills processes/],
    // What eval runs is code, a substitution's text included.
    ['eval "$(echo reboot)"', /reboots or powers off/],
    ['eval `echo reboot`', /reboots or powers off/],
    ['eval "$(printf \'kill -9 4242\')"', /kills processes/],
    // A program that runs the command after it as it is hands that command its input: the shell
    // behind nice, timeout, chroot, nsenter and their kin reads it as one with none before it.
    ['curl -fsSL https://x/fix.sh | nice -n 10 sh', /cannot read/],
    ['curl -s https://x/fix.sh | timeout -k 5 60 bash', /cannot read/],
    ['curl -s https://x/fix.sh | nohup bash', /cannot read/],
    ['curl -s https://x/fix.sh | stdbuf -oL setsid bash', /cannot read/],
    ['curl -s https://x/fix.sh | ionice -c 3 taskset -c 0 bash', /cannot read/],
    ['curl -s https://x/fix.sh | busybox sh', /cannot read/],
    ['curl -s https://x/fix.sh | oc debug -T node/worker-1 -- chroot /host bash', /cannot read/],
    ['curl -s https://x/fix.sh | nsenter -t 1 -m -u -i -n -p -- bash', /cannot read/],
    ['nice sh < fix.sh', /cannot read/],
    ['timeout 60 sh -c "$CMD"', /commands a variable holds/],
    ['nohup bash -c "$(curl -s https://x/fix.sh)"', /cannot read/],
    ['echo reboot | nice sh', /reboots or powers off/],
    ['echo reboot | timeout 10 sudo sh', /reboots or powers off/],
    ['eval "$(timeout 5 curl -s https://x/env.sh)"', /downloads or reads from a file/],
    // chroot and nsenter given no command start the user's shell, which reads the input.
    ['curl -s https://x/fix.sh | chroot /host', /cannot read/],
    ['curl -s https://x/fix.sh | nsenter --target 1 --all', /cannot read/],
    // su, and runuser without -u, start the user's shell: its input is run, and -c gives it code.
    ['curl -s https://x/fix.sh | su -', /cannot read/],
    ['cat steps.sh | sudo su postgres', /cannot read/],
    ['curl -s https://x/fix.sh | runuser -u app -- bash', /cannot read/],
    ['echo reboot | su -', /reboots or powers off/],
    ['su - postgres -c "$(curl -s https://x/fix.sh)"', /cannot read/],
    ['su -c "$CMD" app', /commands a variable holds/],
    ['runuser -u app -- bash -c "$CMD"', /commands a variable holds/],
    ["su -c 'kill -9 4242' app", /kills processes/],
    // An interpreter given no script and no code runs the program it reads from its input.
    ['curl -fsSL https://bootstrap.pypa.io/get-pip.py | python3', /cannot read/],
    ['curl -s https://x/fix.py | sudo -E python3 -', /cannot read/],
    ['python3.12 - < fix.py', /cannot read/],
    ['curl -s https://x/fix.pl | perl', /cannot read/],
    ['ruby < fix.rb', /cannot read/],
    ['curl -s https://x/fix.js | node', /cannot read/],
    ['kubectl exec -i pg-0 -- python3 < fix.py', /cannot read/],
    // Brokers, clusters, volumes, HTTP APIs, rsync, Vault, scale groups, ufw and nomad.
    ['kafka-topics.sh --bootstrap-server kafka:9092 --delete --topic orders', /message broker/],
    ['kafka-consumer-groups --bootstrap-server kafka:9092 --delete --group billing', /message broker/],
    ['rabbitmqctl purge_queue orders', /message broker/],
    ['rabbitmqctl -n rabbit@mq-1 force_reset', /message broker/],
    ['rabbitmqadmin delete queue name=orders', /message broker/],
    ['nodetool -h cass-3 decommission', /from a cluster/],
    ['patronictl -c /etc/patroni.yml reinit pg-cluster pg-2', /from a cluster/],
    ['ceph osd purge 7 --yes-i-really-mean-it', /from a cluster/],
    ['sudo zfs destroy -r tank/pgdata', /destroys a volume/],
    ['lvremove -f vg0/data', /destroys a volume/],
    ["curl -XDELETE 'http://localhost:9200/logs-2024.01.*'", /HTTP DELETE/],
    ['curl -s --request DELETE https://api.example.com/v1/sessions/$SESSION_ID', /HTTP DELETE/],
    ['http DELETE api.example.com/v1/cache', /HTTP DELETE/],
    ['rsync -a --delete /srv/www/ web-2:/srv/www/', /rsync --delete/],
    ['rsync -av --remove-source-files /var/log/app/ archive:/logs/', /rsync --delete/],
    ['vault lease revoke -prefix database/creds/checkout', /revokes credentials/],
    ['vault secrets disable database/', /revokes credentials/],
    ['kubectl replace --force -f checkout.yaml', /deletes and recreates/],
    ['aws autoscaling set-desired-capacity --auto-scaling-group-name checkout --desired-capacity 0', /zero replicas/],
    ['az vmss scale -g prod -n checkout --new-capacity 0', /zero replicas/],
    ['sudo ufw disable', /firewall/],
    ['nomad job stop -purge checkout', /stops a service/],
    // Infrastructure, GitOps, platforms, hypervisors, packages and Ansible's reboot.
    ['tofu destroy -target=module.cache', /destroys infrastructure/],
    ['pulumi destroy --stack prod', /destroys infrastructure/],
    ['npx cdk destroy CheckoutStack', /destroys infrastructure/],
    ['serverless remove --stage prod', /destroys infrastructure/],
    ['pulumi up --yes --stack prod', /own confirmation/],
    ['argocd app delete checkout --cascade', /Kubernetes resources/],
    ['argocd app sync checkout --prune', /Kubernetes resources/],
    ['kubectl apply --prune -l app=checkout -f k8s/', /Kubernetes resources/],
    ['flux delete kustomization apps --silent', /Kubernetes resources/],
    ['vault kv destroy -versions=3 secret/checkout', /deletes secrets/],
    ['rclone sync ./backups s3:checkout-backups', /platform resources/],
    ['s3cmd del --recursive s3://checkout-tmp/', /platform resources/],
    ['heroku pg:reset DATABASE_URL --app checkout', /platform resources/],
    ['heroku ps:restart web --app checkout', /platform resources/],
    ['fly machine stop 3d8d90e5', /platform resources/],
    ['openstack server delete web-1', /platform resources/],
    ['sudo virsh destroy db-vm', /platform resources/],
    ['sudo apt-get purge -y nginx', /removes installed packages/],
    ['pip uninstall -y psycopg2', /removes installed packages/],
    ['ansible web -i prod -m ansible.builtin.reboot --become', /reboots or powers off/],
    // Every object SQL drops, and what rewrites or locks a table under an exclusive lock.
    ['DROP MATERIALIZED VIEW daily_revenue;', /DROP/],
    ['drop sequence orders_id_seq', /DROP/],
    ['ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;', /DROP/],
    ["SELECT pg_drop_replication_slot('debezium');", /DROP/],
    ['DROP KEYSPACE checkout;', /DROP/],
    ['psql -d orders -c "VACUUM FULL orders"', /blocks reads and writes/],
    ['VACUUM (FULL, VERBOSE) orders;', /blocks reads and writes/],
    ['REINDEX TABLE orders;', /blocks reads and writes/],
    ['REINDEX (VERBOSE) INDEX orders_pkey;', /blocks reads and writes/],
    ['BEGIN; LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;', /blocks reads and writes/],
    // Containers beyond docker, cluster members, cloud machines stopped or rebooted, documents deleted.
    // A container tool's rm says what it removes first, not files.
    ['docker rm -f checkout-api', /^removes containers/],
    ['podman volume rm pgdata', /^removes containers/],
    ['podman stop checkout-api', /stops or restarts containers/],
    ['sudo crictl rmp -a', /removes containers/],
    ['docker service rm checkout', /removes containers/],
    ['docker compose rm -f worker', /removes containers/],
    // The hyphenated compose and its --file before the verb say what rm removes first too; podman's
    // and nerdctl's compose take docker compose's words.
    ['docker-compose rm -f web', /^removes containers/],
    ['podman-compose down', /removes containers/],
    ['podman compose rm -f worker', /^removes containers/],
    ['nerdctl compose down -v', /removes containers/],
    ['podman-compose restart web', /stops or restarts containers/],
    ['podman compose stop worker', /stops or restarts containers/],
    ['nerdctl compose kill web', /stops or restarts containers/],
    // Terraform forgetting a resource is its own reason, not a file deleted; so are Redis keys.
    ['terraform state rm aws_instance.web', /^makes Terraform forget/],
    ['tofu -chdir=infra state rm module.db', /^makes Terraform forget/],
    ['redis-cli -h cache-1 DEL session:4242', /deletes Redis keys/],
    ["redis-cli --scan --pattern 'sess:*' | xargs redis-cli unlink", /deletes Redis keys/],
    ['valkey-cli -n 2 del feature-flags', /deletes Redis keys/],
    // What on-call runbooks do to a stuck consumer, a noisy node, a worker pool or a flapping link.
    [
      'kafka-consumer-groups --bootstrap-server kafka:9092 --group checkout --topic orders --reset-offsets --to-latest --execute',
      /moves a consumer group's offsets/,
    ],
    ['kafka-consumer-groups.sh --bootstrap-server b:9092 --group g --reset-offsets --shift-by -100 --all-topics --execute', /offsets/],
    ['kubectl taint nodes node-3 dedicated=db:NoExecute', /evicts pods/],
    [`kubectl -n prod patch deploy checkout -p '{"spec":{"replicas":0}}'`, /zero replicas/],
    [`kubectl patch statefulset pg --type merge --patch '{"spec": {"replicas": 0}}'`, /zero replicas/],
    [`oc patch dc/api -p 'spec: {replicas: 0}'`, /zero replicas/],
    [`curl -XPOST 'localhost:9200/logs-*/_delete_by_query' -H 'Content-Type: application/json' -d @all.json`, /deletes every document/],
    ['supervisorctl stop all', /stops a service/],
    ['sudo supervisorctl restart checkout-worker', /stops a service/],
    ['pm2 delete all', /stops a service/],
    ['pm2 kill', /stops a service/],
    ['pm2 restart api', /stops a service/],
    ['rabbitmqctl stop_app', /stops a service/],
    ['vault operator seal', /seals Vault/],
    [`mysql -e 'SET GLOBAL read_only = ON'`, /refuse writes/],
    ['SET GLOBAL super_read_only = 1;', /refuse writes/],
    ['sudo journalctl --vacuum-size=500M', /deletes archived journal files/],
    ['journalctl --vacuum-time 2d', /deletes archived journal files/],
    ['sudo ip link set dev eth0 down', /takes a network interface down/],
    ['ip -6 link set bond0 down', /takes a network interface down/],
    ['ifdown eth0', /takes a network interface down/],
    ["ssh db-1 'sudo ifdown eth0'", /takes a network interface down/],
    ['nmcli connection down "Wired connection 1"', /takes a network interface down/],
    ['killall5 -9', /kills processes/],
    // Scaled to zero on platforms and node pools; a function throttled to nothing.
    ['aws lambda put-function-concurrency --function-name checkout --reserved-concurrent-executions 0', /zero replicas/],
    ['gcloud container clusters resize prod --node-pool default --num-nodes=0', /zero replicas/],
    ['az aks nodepool scale -g rg --cluster-name aks -n pool1 --node-count 0', /zero replicas/],
    ['eksctl scale nodegroup --cluster prod --name ng-1 --nodes 0', /zero replicas/],
    ['heroku ps:scale web=0 -a checkout', /zero replicas/],
    ['fly scale count 0 -a checkout', /zero replicas/],
    ['heroku maintenance:on -a checkout', /maintenance mode/],
    // A WHERE that keeps every row is none.
    ['DELETE FROM sessions WHERE 1=1;', /DELETE without WHERE/],
    [`mysql -e 'DELETE FROM sessions WHERE true'`, /DELETE without WHERE/],
    ['UPDATE flags SET enabled = false WHERE 1 = 1;', /UPDATE without WHERE/],
    [`mysql -e 'FLUSH TABLES WITH READ LOCK'`, /refuse writes/],
    ['sudo -u postgres pg_resetwal -f /var/lib/postgresql/16/main', /write-ahead log/],
    ['iptables -P INPUT DROP', /drops all traffic/],
    ['sudo ip6tables --policy FORWARD DROP', /drops all traffic/],
    // Ways to the same reboot or halt.
    ['echo b > /proc/sysrq-trigger', /^reboots, powers off or crashes/],
    ['sudo init 0', /reboots or powers off/],
    ['telinit 6', /reboots or powers off/],
    ['sudo systemctl isolate rescue.target', /reboots or powers off/],
    ['kexec -e', /reboots or powers off/],
    // The cloud CLIs' rm says what it removes first, not files.
    ['aws s3 rm s3://checkout-assets --recursive', /^deletes or terminates cloud resources/],
    ['gcloud storage rm -r gs://checkout-assets', /^deletes or terminates cloud resources/],
    // So do the object stores' own CLIs, and their bucket removals and deleting syncs.
    ['gsutil -m rm -r gs://checkout-assets/old', /^deletes or terminates cloud resources/],
    ['gsutil rb gs://checkout-assets-staging', /^deletes or terminates cloud resources/],
    ['gsutil -m -o "GSUtil:parallel_thread_count=4" rsync -rd ./build gs://checkout-static', /^deletes or terminates cloud resources/],
    ['mc rm --recursive --force minio/checkout-assets', /^deletes or terminates cloud resources/],
    ['mc rb --force minio/checkout-tmp', /^deletes or terminates cloud resources/],
    ['mc --json mirror --overwrite --remove ./build minio/static', /^deletes or terminates cloud resources/],
    ['azcopy remove "https://acct.blob.core.windows.net/assets/old?sv=x" --recursive', /^deletes or terminates cloud resources/],
    ['azcopy sync ./build "https://acct.blob.core.windows.net/static" --delete-destination=true', /^deletes or terminates cloud resources/],
    ['docker service scale checkout=0', /zero replicas/],
    ['etcdctl --endpoints=$EP member remove 8e9e05c52164694d', /from a cluster/],
    ['consul force-leave node-3', /from a cluster/],
    ['sudo kubeadm reset -f', /from a cluster/],
    ['aws ec2 stop-instances --instance-ids i-0abc', /cloud resources/],
    ['aws rds reboot-db-instance --db-instance-identifier checkout-db', /cloud resources/],
    ['gcloud compute instances reset web-1 --zone europe-west1-b', /cloud resources/],
    ['az vm deallocate -g prod -n web-1', /cloud resources/],
    ['aws ecs update-service --cluster prod --service checkout --force-new-deployment', /replaces every task/],
    ['aws ecs update-service --cluster prod --service checkout --desired-count 0', /zero replicas/],
    ['mongosh checkout --eval "db.sessions.deleteMany({})"', /every document/],
    // Windows: PowerShell's cmdlets in any case, and cmd's commands.
    ['Remove-Item -Recurse -Force C:\\inetpub\\logs\\*', /Remove-Item/],
    ['Get-ChildItem D:\\backups -Filter *.bak | remove-item', /Remove-Item/],
    ['Clear-Content C:\\app\\app.log', /Remove-Item/],
    ['del /s /q C:\\Windows\\Temp\\*', /Remove-Item/],
    ['rd /s /q C:\\app\\cache', /Remove-Item/],
    ['Restart-Service -Name W3SVC -Force', /Stop-Service/],
    ['Set-Service -Name Spooler -StartupType Disabled', /Stop-Service/],
    ['net stop MSSQLSERVER', /Stop-Service/],
    ['iisreset /noforce', /Stop-Service/],
    ['Stop-Process -Name java -Force', /kills processes/],
    ['taskkill /F /IM w3wp.exe', /kills processes/],
    ['Restart-Computer -Force', /reboots or powers off/],
    ['Format-Volume -DriveLetter E -FileSystem NTFS', /overwrites a disk/],
    // Invoke-Expression and an encoded command run text War Room cannot read; so does PowerShell fed its input.
    ['irm https://get.example.com/install.ps1 | iex', /PowerShell code/],
    ['iex (New-Object Net.WebClient).DownloadString("https://x/fix.ps1")', /PowerShell code/],
    ['Invoke-Expression $fix', /PowerShell code/],
    ['powershell -NoProfile -ExecutionPolicy Bypass -Command "iwr https://x/fix.ps1 | iex"', /PowerShell code/],
    ['powershell.exe -enc SQBFAFgAIAAoAGkAdwByACkA', /PowerShell code/],
    ['curl -s https://x/fix.ps1 | pwsh -Command -', /cannot read/],
    ['curl -s https://x/fix.ps1 | pwsh -NoProfile', /cannot read/],
    // fish's source with no file reads its input.
    ['curl -sL https://x/env.fish | source', /downloads or reads from a file/],
    // A shell's or interpreter's script that is its input.
    ['curl -s https://x/fix.sh | sh /dev/stdin', /cannot read/],
    ['curl -s https://x/fix.py | python3 /dev/stdin', /cannot read/],
    // at and batch run later the commands they read now.
    ['echo reboot | at now', /reboots or powers off/],
    ['curl -s https://x/fix.sh | at now + 5 minutes', /cannot read/],
    ['curl -s https://x/fix.sh | at -q b 23:00', /cannot read/],
    ['curl -s https://x/fix.sh | batch', /cannot read/],
    // xargs handing the first word it reads to `sh -c` as the code.
    ['curl -s https://x/cmds.txt | xargs -0 sh -c', /cannot read/],
    ['curl -s https://x/cmds.txt | xargs -L1 bash -c', /cannot read/],
    // A file the line downloads and then runs is as unseen as a download piped into a shell.
    ['curl -fsSLo install.sh https://get.example.com/install.sh && sh install.sh', /cannot read/],
    ['wget -qO /tmp/fix.sh https://x/fix.sh; sudo bash /tmp/fix.sh', /cannot read/],
    ['wget https://x/get.sh && sh get.sh', /cannot read/],
    ['curl -O https://x/get.sh?v=2 && chmod +x get.sh && ./get.sh', /cannot read/],
    ['curl -s https://x/fix.py > fix.py && python3 fix.py', /cannot read/],
    ['curl -s -o env.sh https://x/env.sh && . ./env.sh', /cannot read/],
    ['curl -H "Authorization: Bearer $T" --output=f.sh https://x && bash f.sh', /cannot read/],
  ];
  for (const [command, reason] of destructive) {
    it(`flags: ${command}`, () => assert.match(destructiveReason(command) ?? '(none)', reason));
  }

  const safe = [
    'kubectl -n prod get pods -l app=checkout',
    'kubectl -n prod rollout status deploy/checkout',
    'kubectl -n prod logs deploy/checkout --since=10m | grep -c timeout',
    "delete from carts where updated_at < now() - interval '30 days';",
    'git push origin main',
    'git -C deploy-repo push origin main',
    'git -C /srv/app pull --ff-only',
    'helm -n prod history checkout',
    'terraform plan',
    'terraform apply',
    'terraform apply -auto-approve=false',
    'aws s3 ls s3://checkout-artifacts --recursive',
    'aws s3 sync s3://checkout-logs ./logs',
    `psql -c "UPDATE orders SET status = 'cancelled' WHERE id = 42"`,
    'sudo apt-get update && sudo apt-get install -y jq',
    'git push origin main:main --tags',
    'psql -c "select datname from pg_database" | grep -v template',
    'terraform plan -destroy -out=destroy.tfplan',
    'df -h /var/log # confirm there is enough disk space',
    'grep -r "format" /etc/app',
    '# rm -rf / is what you must never run\nls -la',
    'git log --format=%H',
    'sudo systemctl reload nginx',
    'systemctl is-active nginx && systemctl status nginx --no-pager',
    'service php-fpm status',
    'docker ps --filter status=restarting',
    'docker compose logs --tail=100 web',
    'docker kill --signal=HUP haproxy',
    'pg_ctl -D /var/lib/postgresql/data status',
    'last reboot | head -3',
    'last -x shutdown',
    'sudo shutdown -c',
    'git clean -n -d',
    'git clean -dx --dry-run',
    'cat /etc/alternatives/rm',
    // Signal 0 only asks whether the process is alive (keepalived's check script is `killall -0 haproxy`).
    'kill -0 4242',
    'kill -0 $(cat /run/app.pid) && echo alive',
    'killall -0 haproxy',
    'pkill -0 -f worker || systemctl start worker',
    'kill -l',
    // Signals a service reads as reload or reopen-logs (HUP, USR1, USR2 by name; HUP as 1), or
    // CONT, which resumes: they end nothing, in each way kill, pkill and killall take a signal.
    'kill -HUP $(cat /run/nginx.pid)',
    'kill -USR1 <pid>',
    'kill -USR2 {{pid}}',
    'kill -s HUP 1234',
    'kill -sHUP 1234',
    'kill --signal=HUP 1234',
    'kill -n 1 1234',
    'pkill -HUP nginx',
    'pkill --signal USR1 -f puma',
    'pkill --signal=usr2 -u deploy -f unicorn',
    'killall -HUP haproxy',
    'killall -s USR1 nginx',
    'kill -1 4242',
    'kill -CONT 4242',
    'kill -SIGHUP 4242',
    'kill -s SIGUSR1 "$PID"',
    'sudo /bin/kill -HUP $(cat /run/haproxy.pid)',
    'pgrep nginx | xargs kill -HUP',
    "ssh web-1 'sudo kill -USR1 $(cat /run/nginx.pid)'",
    'kill -HUP 1 && kill -USR1 2',
    'kill -HUP -- 1234',
    // A reload signal after the words that pick the processes, to a process group after `--`, with
    // a substitution's own options beside it, or quoted.
    'pkill -f puma --signal USR1',
    'pkill -u deploy -f unicorn --signal=USR2',
    'killall -q -s USR1 nginx',
    'kill -HUP -- -1234',
    'kill -HUP 10 100',
    'kill -HUP $(pidof -s nginx)',
    'kill -USR1 "$(pgrep -n -f puma)"',
    'kill -s "HUP" 1234',
    "kill -s 'USR1' 1234",
    'kill --signal="USR2" $(cat /run/unicorn.pid)',
    'pgrep -f worker',
    "find /var/log/app -name '*.tmp' -print",
    'grep -- -delete runbook.md',
    "echo 'find . -delete would remove them all'",
    'echo "run: find /tmp -delete"; ls /tmp',
    'printf "%s\\n" "find -delete"',
    'kubectl -n prod \\\n  get pods # then delete nothing',
    // Redirections that truncate nothing: to /dev/null or a descriptor, appends, `>` as text, and
    // output captured in a new file beside the command.
    'curl -s http://localhost:6060/debug/pprof/heap > heap.pprof',
    'kubectl logs deploy/checkout | tee checkout.log',
    'echo "drained node-3" | sudo tee -a /var/log/maintenance.log',
    'echo "$(date) pool checked" | tee --append /var/log/oncall.log',
    'dmesg | sudo tee -ia /var/log/dmesg.saved',
    'kubectl get pods | tee /dev/null',
    'kubectl -n prod get events 2> ./errors.txt',
    'sudo perf script --header > $( hostname -s ).perf-script.txt',
    'curl -fsS https://api.internal/healthz >/dev/null',
    'systemctl status app 2>&1 | tail -20',
    'echo "disk almost full" >&2',
    'pg_isready -q &> /dev/null || echo down 1>&2',
    'date >> /var/log/incident-notes.log',
    'echo "$(date) restarted" >> ~/notes.txt',
    "awk '$3 > 90 {print $1}' /tmp/usage",
    'echo "a > b" && jq ".count > 3"',
    "psql -c 'select count(*) from orders where total > 100'",
    'tee >(gzip -c) < app.log | wc -l',
    '(( errors > 10 )) && echo many',
    // `<name>` placeholders (filled before a command runs) are not redirections.
    'kubectl -n <my-namespace> get pvc <my-pvc>',
    'echo | openssl s_client -connect <host name>:443 2>/dev/null | openssl x509 -noout -enddate',
    'cat <<EOF\nif a > b then\nEOF',
    'kubectl -n prod rollout history deploy/checkout',
    'oc adm top nodes',
    'crontab -l',
    'crontab -l -u www-run',
    'sudo iptables -L -n',
    'iptables -A INPUT -s 10.0.0.0/8 -j ACCEPT',
    'nft list ruleset',
    'git checkout main',
    'git checkout -b hotfix/checkout-timeout',
    'git restore --staged config/app.yml',
    'git stash list',
    'git stash show -p',
    'redis-cli -h cache-1 INFO memory',
    'redis-cli --bigkeys',
    'consul kv get -recurse service/checkout/',
    'etcdctl get --prefix /config/',
    'etcdctl endpoint health',
    // A dry run changes nothing, and terraform plan never does.
    'kubectl -n prod delete pod checkout-7f9c --dry-run=client',
    'kubectl delete -f manifests/ --dry-run=server -o name',
    'kubectl delete ns staging --dry-run',
    'kubectl drain node-3 --ignore-daemonsets --dry-run=server',
    'oc adm drain node-3 --dry-run=client',
    'terraform plan -out destroy',
    'terraform -chdir=infra plan -destroy',
    'dmesg -T | grep -i kill',
    'kill -s 0 4242',
    'kill -L',
    // The word in text printed, logged or given as a message is not the command.
    'echo "failover checked"',
    "printf '%s\\n' 'switchover done'",
    'logger -t oncall "manual failover needed"',
    "aws sns publish --topic-arn arn:aws:sns:eu-west-1:1:dba --message '{{ DBInstanceIdentifier }} is not Multi-AZ: manual failover needed'",
    'git commit -m "document the failover"',
    'echo "reboot required"',
    'echo "reboot required" | sudo tee -a /var/log/maintenance.log',
    'echo "failover drill at 14:00" | mail -s drill oncall@example.com',
    'echo "reboot required" || true',
    "echo 'shutdown scheduled for 02:00' | tee -a notes.txt",
    'sh -c \'echo "reboot required"\'',
    'logger "reboot pending on $(hostname)"',
    'aws sns publish --subject "reboot pending" --message="reboot at 02:00"',
    // The word searched for, or a noun a read-only verb follows, is not a failover or reboot.
    'grep -i failover app.log',
    'sudo grep -rn "switchover" /var/log/patroni/',
    "journalctl -u patroni --since '1 hour ago' | grep -iE 'failover|switchover' | tail -20",
    'az sql failover-group list -g prod -s orders -o table',
    'az sql failover-group show -g prod -s orders -n orders-fg --query replicationRole',
    'az sql instance-failover-group show -g prod -n mi-fg -l westeurope',
    'aws rds describe-db-clusters | grep -i failover',
    'journalctl | grep reboot',
    "journalctl --list-boots | grep -i 'reboot'",
    'last -x | grep -E "reboot|shutdown" | head',
    // Printed text that no shell reads is not run.
    'echo reboot | tee -a /var/log/maintenance.log',
    'echo "reboot required" | logger -t maint',
    'echo reboot | sh ./notify-oncall.sh',
    'echo reboot > next-step.txt',
    'echo "rm -rf /srv/data is what not to run" | mail -s warning oncall@example.com',
    // A failover file or resource only read or shown is no failover.
    'tail -f /var/log/failover.log',
    'kubectl get svc pg-failover',
    'kubectl -n prod get svc pg-failover -o wide',
    'less docs/failover.md',
    'kubectl describe pod db-failover-0',
    'kubectl logs db-failover-0 --tail=50 | grep -i error',
    'sudo head -n 50 /var/log/patroni/failover.log',
    // What echo prints is text, unless something runs it.
    'echo rm -rf x',
    'echo "next: rm -rf /srv/cache"',
    // Nor are a quoted rm searched for or given as a message.
    'grep -rn "rm -rf" scripts/',
    'git commit -m "rm -rf the old build dir"',
    // A remote command that only stores or shows what it is given does not run it.
    'echo "reboot" | ssh h cat',
    "echo 'reboot needed' | ssh -p 2222 h tee -a /var/log/maintenance.log",
    // Printed text handed on to no shell, or a file cat reads instead of it, is not run.
    'echo reboot | tee notes.txt',
    'echo "reboot needed" | cat',
    'echo reboot | tee -a notes.txt | logger -t maint',
    // Nor is what a substitution prints as an argument, not code: of a script, or of a command
    // the shell is given that prints or logs it.
    'sh ./notify.sh "$(echo reboot)"',
    'sh -c "echo $(echo reboot)"',
    'ssh h logger "$(echo reboot done)"',
    'note=$(echo reboot | tee -a notes.txt)',
    // A shell given only what the line shows, or a command that is no shell reading a file.
    "ssh db-1 'uptime'",
    'ssh db-1 uptime < /dev/null',
    'cat app.log | grep -c timeout',
    "grep -E 'zsh|bash' /etc/shells",
    "ssh db-1 'sudo journalctl -u app | tail -20'",
    'cat <<EOF | sh\nls /srv\nEOF',
    'curl -s https://x/status | jq .state',
    'source <(kubectl completion bash)',
    'psql orders < migrations/001.sql',
    'sh -c "ps -p $(cat /run/app.pid)"',
    // Nor is a kill printed, searched for or given as a message.
    'echo kill -9 4242',
    'grep -c "kill -9" /var/log/audit.log',
    'git commit -m "kill -9 the stuck worker on deploy"',
    // An eval of a program's own output is not echo's text.
    'eval "$(ssh-agent -s)"',
    'eval "$(echo reboot needed | logger -t maint)"',
    // A tool's own generated setup read by eval or source: no download, no file read.
    'eval "$(direnv hook bash)"',
    'eval "$(pyenv init -)"',
    '. <(kubectl completion bash)',
    'source <(helm completion zsh)',
    'source /dev/stdin <<< "$(kubectl completion bash)"',
    'source ./env.sh',
    // A variable inside code a shell is given, not the code itself.
    'sh -c "echo $HOME"',
    'bash -c \'cd "$DIR" && ls -la\'',
    'ssh db-1 "df -h $MOUNT"',
    'echo "ls $DIR" | sh',
    // A variable the line itself set to a command it shows runs that command (`ls`), no more.
    'CMD=ls; sh -c "$CMD"',
    'CMD="systemctl status checkout"\nssh db-1 "$CMD"',
    'export CMD=\'df -h\'; bash -c "${CMD}"',
    'CMD=ls && eval "$CMD"',
    'CMD=ls; echo "$CMD" | sh',
    'CMD=ls; bash <<< "$CMD"',
    'CMD=ls; kubectl exec pg-0 -- sh -c "$CMD"',
    'CMD=ls; out=$(sh -c "$CMD")',
    'if true; then echo x; fi; CMD=ls; sh -c "$CMD"',
    // A shell in a container or pod reading its terminal, or handed no input (no `-i`).
    'kubectl exec -it pg-0 -- sh',
    'docker exec -it checkout-api bash',
    'kubectl exec pg-0 -- sh < fix.sh',
    'docker exec checkout-api sh < fix.sh',
    'kubectl exec -i pg-0 -- psql -U app < migrations/001.sql',
    // The same in a new container: no `-i`, a terminal, no shell, or the image's own command.
    'docker run alpine sh < fix.sh',
    'docker run -it --rm alpine sh',
    'kubectl run -it --rm dbg --image=busybox -- sh',
    'kubectl run dbg --image=busybox -- sh < fix.sh',
    'docker run -i --rm -e PGPASSWORD -v "$PWD:/w" postgres:16 psql -h db -U app < migrations/001.sql',
    'docker run --rm -i hadolint/hadolint < Dockerfile',
    // A known flag before the image, the image's command given options of its own: no value moved.
    'docker run --rm -i alpine --version < notes.txt',
    'docker run --privileged --rm img -v < notes.txt',
    "docker run -i --rm --entrypoint sh alpine -c 'ls /srv' < /dev/null",
    // compose run with no input fed or no shell; kubectl debug with a terminal, or no -i; oc debug's
    // command with no -t or -T, or with -I.
    'docker compose run --rm web pytest',
    'docker compose run --rm -e CI=1 web python manage.py migrate',
    'docker compose run --rm web sh',
    'docker-compose run --rm -v /srv:/srv db psql -U app < migrations/001.sql',
    // Object stores' copies and syncs that delete nothing at the destination.
    'gsutil -m rsync -r ./build gs://checkout-static',
    'gsutil cp -r gs://checkout-assets/rm ./restore',
    'aws s3 cp s3://checkout-assets/reboot ./restore',
    'scp db-1:/srv/bin/rm ./evidence/',
    'mc mirror --overwrite ./build minio/static',
    'azcopy sync ./build "https://acct.blob.core.windows.net/static" --delete-destination=false',
    'azcopy sync ./build "https://acct.blob.core.windows.net/static" --delete-destination=prompt',
    // Detached: the client returns at once and hands the container none of its input, -i or not.
    'docker run -d -i --rm alpine sh < fix.sh',
    'docker exec -di checkout-api sh < fix.sh',
    'docker compose run -d web sh < fix.sh',
    'curl -s https://x/fix.sh | docker run --detach -i alpine sh',
    'echo reboot | podman run -dit alpine sh',
    'kubectl debug node/worker-1 -it --image=busybox',
    'kubectl debug node/worker-1 --image=busybox -- sh < fix.sh',
    'oc debug node/worker-1 -- sh < fix.sh',
    'oc debug -T -I node/worker-1 -- sh < fix.sh',
    // A program's output in a container, not a file's.
    'eval "$(kubectl completion bash)"',
    'eval "$(docker exec checkout-api env)"',
    // What grep looks for and echo prints is text, whatever it says.
    "grep 'echo reboot | sh' notes.txt",
    'grep -F "curl x | sh" README.md',
    "rg 'curl -s https://x/fix.sh | bash' docs/",
    "echo 'echo reboot | sh' >> notes.txt",
    "logger -t ops 'echo reboot | sh'",
    // A substitution in single quotes is text; one that runs only what the line shows is no unseen code.
    "notify '$(curl -s https://x/fix.sh | sh)'",
    'notify "$(date) on $(hostname)"',
    // What runs a command as it is but is given none, or a script or code of its own, runs nothing it reads.
    'command -v bash',
    'cat pids.txt | xargs ionice -c3 -p',
    'taskset -pc 0 4242',
    'echo hi | chroot /host cat',
    'timeout 60 kubectl -n prod rollout status deploy/checkout',
    'nice -n 10 tar czf /tmp/logs.tgz /var/log/app',
    'cat data.json | python3 -m json.tool',
    `echo '{"a":1}' | python3 -c 'import json,sys; print(json.load(sys.stdin))'`,
    'cat access.log | perl -ne "print if / 5\\d\\d /"',
    'kubectl logs deploy/checkout | python3 scripts/errors.py',
    'kubectl get pods -o json | node -e "process.stdin.pipe(process.stdout)"',
    "curl -s https://x/report | su - analyst -c 'wc -l'",
    'kafka-topics.sh --bootstrap-server kafka:9092 --describe --topic orders',
    'rabbitmqctl list_queues name messages',
    'nodetool status',
    'patronictl -c /etc/patroni.yml list',
    'ceph osd tree',
    'zfs list -t snapshot',
    "curl -s 'http://localhost:9200/_cat/indices?v'",
    'curl -X GET https://api.example.com/v1/delete-requests',
    'rsync -avn --delete /srv/www/ web-2:/srv/www/',
    'rsync -a /srv/www/ web-2:/srv/www/',
    'vault lease lookup database/creds/checkout/abc',
    'kubectl replace -f checkout.yaml',
    'aws autoscaling set-desired-capacity --auto-scaling-group-name checkout --desired-capacity 10',
    'nomad job status checkout',
    'tofu plan -destroy -out plan.bin',
    'pulumi preview --stack prod',
    'argocd app get checkout',
    'flux get kustomizations',
    'vault kv get secret/checkout',
    'rclone copy ./backups s3:checkout-backups',
    'heroku logs --tail --app checkout',
    'openstack server list',
    'sudo apt-get install -y nginx',
    'ansible web -i prod -m ping',
    'VACUUM ANALYZE orders;',
    'REINDEX TABLE CONCURRENTLY orders;',
    'REINDEX (CONCURRENTLY) INDEX orders_pkey;',
    'echo 1 | sudo tee -a /proc/sys/vm/drop_caches',
    'iptables -L INPUT -n | grep DROP',
    'podman ps -a',
    'etcdctl member list -w table',
    'aws ec2 create-image --instance-id i-0abc --name pre-fix --no-reboot',
    'aws ecs update-service --cluster prod --service checkout --desired-count 6',
    'mongosh checkout --eval "db.sessions.deleteMany({ expiresAt: { $lt: new Date() } })"',
    'docker service scale checkout=6',
    'Get-Service W3SVC',
    'Get-Process java | Format-Table -AutoSize',
    'iisreset /status',
    'powershell -NoProfile -ExecutionPolicy Bypass -File .\\collect-logs.ps1',
    'iex --remsh checkout@prod-1',
    'rmdir /tmp/empty-dir',
    'source ~/.bashrc',
    'at -f maintenance.sh 02:00',
    'curl -o data.json https://x/data && jq . data.json',
    'curl -fsSLo install.sh https://x/install.sh && less install.sh',
    'curl -o a.sh https://x/a.sh && sh scripts/drain.sh',
    'at -l',
    'kubectl get pods -o name | xargs -I{} sh -c "kubectl describe {} | head"',
    'kubectl -n "$(kubectl config view --minify -o jsonpath=\'{..namespace}\')" get pods',
    'out=$(cat "$FILE")',
    // timeout's signal is for its own command when time is up, not a kill now.
    'timeout -s KILL 60 ./scripts/job.sh',
    'timeout --signal KILL 5m ./scripts/backup.sh',
    'nerdctl exec checkout-api ls /srv',
    'nerdctl compose ps',
    'podman-compose logs --tail=100 web',
    'terraform state list',
    'terraform state show aws_instance.web',
    'redis-cli -h cache-1 GET session:4242',
    "redis-cli --scan --pattern 'sess:*' | head",
    'redis-cli TTL del-queue',
    'kafka-consumer-groups --bootstrap-server b:9092 --group g --reset-offsets --to-latest --topic t',
    'kafka-consumer-groups --bootstrap-server b:9092 --group g --reset-offsets --to-latest --dry-run --topic t',
    'kafka-consumer-groups --bootstrap-server b:9092 --describe --group g',
    'kubectl taint nodes node-3 dedicated=db:NoSchedule',
    'kubectl taint nodes node-3 dedicated=db:NoExecute-',
    `kubectl patch deploy checkout -p '{"spec":{"replicas":3}}'`,
    `kubectl patch deploy checkout -p '{"spec":{"replicas":10}}'`,
    `curl -s 'localhost:9200/logs-*/_search?q=error'`,
    'supervisorctl status',
    'pm2 logs api --lines 100',
    'pm2 list',
    'rabbitmqctl status',
    'vault status',
    'vault operator unseal',
    `mysql -e 'SET GLOBAL read_only = OFF'`,
    'journalctl --disk-usage',
    'ip link set dev eth0 up',
    'ip link show eth0',
    'ip -s link',
    'aws lambda put-function-concurrency --function-name checkout --reserved-concurrent-executions 50',
    'gcloud container clusters resize prod --num-nodes=3',
    'az aks update -g rg -n aks --min-count 0 --max-count 5',
    'heroku ps:scale web=2 -a checkout',
    'fly scale count 3',
    'heroku maintenance:off -a checkout',
    'DELETE FROM sessions WHERE 1=1 AND expires_at < now();',
    `mysql -e 'FLUSH TABLES'`,
    'pg_resetwal -n /var/lib/postgresql/16/main',
    'iptables -P INPUT ACCEPT',
    'iptables -A INPUT -s 203.0.113.7 -j DROP',
    'systemctl isolate multi-user.target',
    'kexec -l /boot/vmlinuz --reuse-cmdline',
    'echo init 0 is a reboot',
    // What grep searches for and echo prints is text.
    'grep ifdown /var/log/syslog',
    'echo "then ifdown eth0"',
    'grep -c _delete_by_query /var/log/elasticsearch/audit.log',
  ];
  for (const command of safe) {
    it(`does not flag: ${command.split('\n').join(' / ')}`, () => assert.deepEqual(destructiveFindings(command), []));
  }
  it('skips a rule for want of its words only where it could not match: each command above gives the same answer with every word before it', () => {
    assert.deepEqual(destructiveFindings(EVERY_RULE_WORD_LINE), [], 'the line of words matches nothing itself');
    for (const command of [...destructive.map(([c]) => c), ...safe]) {
      assert.deepEqual(destructiveFindings(`${EVERY_RULE_WORD_LINE}\n${command}`), destructiveFindings(command), command);
    }
  });

  it("reads a PowerShell step (an SSM document's aws:runPowerShellScript) by the Windows rules, not its comments", () => {
    assert.match(destructiveReason('Stop-Service -Name W3SVC\nRestart-Computer -Force', 'powershell') ?? '(none)', /Stop-Service/);
    assert.match(destructiveReason('$s = irm https://x/fix.ps1\nInvoke-Expression $s', 'powershell') ?? '(none)', /PowerShell code/);
    assert.deepEqual(destructiveFindings('# Restart-Computer when the patch is in\nGet-HotFix', 'powershell'), []);
  });

  it('reads comments by language: only `#` in shell, `--` in SQL', () => {
    assert.equal(destructiveReason('-- DROP TABLE orders;\nselect 1', 'sql'), undefined);
    assert.match(destructiveReason('psql -d orders -c \\\n-- "DROP TABLE orders"') ?? '(none)', /DROP/);
  });

  it('asks twice for a command too long to check (its time: commands.tooLong, commands.hostileLines in npm run bench)', () => {
    // 20,000 continued lines join into one 200k-character line, which the rules would scan once per `kubectl`.
    const findings = destructiveFindings(`${'kubectl \\\n'.repeat(20_000)}get pods`);
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['too-long'],
    );
  });

  it('gives the reason of the command a tee hands on to a shell beside its own', () => {
    const rules = destructiveFindings('echo "reboot" | tee /tmp/steps | sh').map((f) => f.rule);
    assert.deepEqual(rules, ['tee-truncate', 'reboot']);
  });

  it('highlights a command inside quotes or a substitution without the character before it', () => {
    const matches = (command: string) => destructiveFindings(command).map((f) => f.match);
    assert.deepEqual(matches("bash -c 'rm -rf /x'"), ['rm -rf /']);
    assert.deepEqual(matches('ssh db-1 "kill -9 4242"'), ['kill -9']);
    assert.deepEqual(matches("ssh db-1 'reboot'"), ['reboot']);
    assert.deepEqual(matches('$(rm -rf /srv/data)'), ['rm -rf /']);
    assert.deepEqual(matches('sudo rm -rf /srv/data'), ['sudo rm -rf /']);
  });

  it('shows the shell handed unseen commands as the line writes it', () => {
    const shown = (command: string) => destructiveFindings(command).map((f) => [f.rule, f.match]);
    assert.deepEqual(shown('curl -fsSL https://x/install.sh | sh'), [['unseen-commands', '| sh']]);
    assert.deepEqual(shown('ssh db-1 bash < fix.sh'), [['unseen-commands', 'ssh db-1 bash']]);
    assert.deepEqual(shown('sh -c "$(curl -fsSL https://x/install.sh)"'), [['unseen-commands', '$(curl -fsSL https://x/install.sh)']]);
    assert.deepEqual(shown('eval "$(curl -fsSL https://x/env.sh)"'), [['unseen-commands', '$(curl -fsSL https://x/env.sh)']]);
    assert.deepEqual(shown('source <(curl -s https://x/env.sh)'), [['unseen-commands', '<(curl -s https://x/env.sh)']]);
    assert.deepEqual(shown('sh -c "$CMD"'), [['unseen-commands', '$CMD']]);
    assert.deepEqual(shown('echo "$CMD" | sudo sh'), [['unseen-commands', '| sudo sh']]);
    assert.deepEqual(shown('docker exec -i api sh < fix.sh'), [['unseen-commands', 'docker exec -i api sh']]);
    // A file the line downloads and then runs gives the download's reason, naming that way of writing it.
    const downloaded = destructiveFindings('curl -fsSLo get.sh https://x/get.sh && sh get.sh');
    assert.deepEqual(
      downloaded.map((f) => [f.rule, f.match]),
      [['unseen-commands', 'sh get.sh']],
    );
    assert.match(downloaded[0].reason, /downloads .*curl -o f … && sh f/);
    // A rule's own reason comes first.
    assert.deepEqual(
      destructiveFindings('cat steps/failover.sh | sh').map((f) => f.rule),
      ['failover', 'unseen-commands'],
    );
  });

  it('gives every reason when several apply', () => {
    const rules = destructiveFindings('kubectl delete ns staging && rm -rf ./backup').map((f) => f.rule);
    assert.deepEqual(rules, ['rm', 'kubectl-delete']);
  });
});

describe('runbooks: command variables', () => {
  it('finds {{mustache}}, $ENV, ${ENV} and <angle> placeholders, normalized', () => {
    const vars = findVariables('kubectl -n $NAMESPACE logs ${POD} -c <container> --context {{ cluster }} -l app={{service}} <my-pvc>');
    assert.deepEqual(
      vars.map((v) => [v.key, v.syntax]),
      [
        ['namespace', 'env'],
        ['pod', 'env'],
        ['container', 'angle'],
        ['cluster', 'mustache'],
        ['service', 'mustache'],
        ['pvc', 'angle'],
      ],
    );
  });

  it('ignores Go templates, ambient shell variables, lower-case loop variables and names the command assigns', () => {
    assert.deepEqual(findVariables("kubectl get nodes -o template --template='{{range .items}}{{.metadata.name}}{{end}}'"), []);
    assert.deepEqual(findVariables('sudo mkdir -p /var/log/perf-$USER && cd $HOME'), []);
    assert.deepEqual(findVariables('for p in $(pgrep git); do kill $p; done'), []);
    assert.deepEqual(
      findVariables('NODE_NAME=worker-1; kubectl debug node/$NODE_NAME').map((v) => v.key),
      [],
    );
    assert.deepEqual(
      findVariables('cat < input.txt > out.txt').map((v) => v.key),
      [],
    );
  });

  it('fills from the incident and its alert labels, reporting what is missing', () => {
    const context = variablesFromIncident(
      { id: 'INC-20261122-2343-k3m9qz', service: 'checkout', severity: 'SEV1' },
      { namespace: 'prod', pod: 'checkout-7f9c' },
    );
    const filled = fillVariables('kubectl -n <my-namespace> logs $POD -c $CONTAINER -l app={{service}}', context);
    assert.equal(filled.command, 'kubectl -n prod logs checkout-7f9c -c $CONTAINER -l app=checkout');
    assert.deepEqual(filled.missing, ['container']);
    assert.deepEqual(
      filled.filled.map((f) => f.key),
      ['namespace', 'pod', 'service'],
    );
  });

  it('shell-quotes values that are not plain words, so a label cannot inject a command', () => {
    const filled = fillVariables('kubectl -n $NAMESPACE get pods', { namespace: "prod; rm -rf / #'" });
    assert.equal(filled.command, `kubectl -n 'prod; rm -rf / #'\\''' get pods`);
    assert.equal(
      fillVariables("select * from t where ns = '{{namespace}}'", { namespace: 'a b' }, 'sql').command,
      "select * from t where ns = 'a b'",
    );
  });
});
