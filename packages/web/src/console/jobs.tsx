import type { MyJobs } from "../api/types.ts";
import { answer } from "../lib/api.ts";
import { fmtDateTime, term, tr } from "../lib/i18n.ts";
import { categoryLabel, placeLabel, useProfile } from "../lib/profile.ts";
import { useQuery } from "../lib/query.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { Async, Badge, Card } from "../ui/kit.tsx";

export const MY_JOBS_KEY = "my-jobs";
type Job = MyJobs["items"][number];

/** 我的工单: a technician's open jobs on the phone, the soonest appointment first; one tap opens the job. */
export function MyJobsPage() {
  const q = useQuery(MY_JOBS_KEY, () => answer(staffApi.console.me.jobs.$get()), { pollMs: 15_000, staleMs: 0 });
  const profile = useProfile(staffSession()?.staff.branch);
  return (
    <Card title={tr("w.jobs.title")} id="my-jobs" class="jobs">
      <p class="hint">{tr("w.jobs.hint")}</p>
      <Async q={q}>
        {(d) =>
          d.items.length ? (
            <ul class="plain job-list">
              {d.items.map((j) => (
                <JobCard key={j.id} job={j} profile={profile.data} />
              ))}
            </ul>
          ) : (
            <p class="hint" id="no-jobs">
              {tr("w.jobs.none")}
            </p>
          )
        }
      </Async>
    </Card>
  );
}

function JobCard({ job: j, profile }: { job: Job; profile: Parameters<typeof placeLabel>[0] }) {
  const category = categoryLabel(profile, j.category);
  return (
    <li class="job" data-code={j.trackingCode} data-urgency={j.urgency}>
      <a class="job-open" href={`/console/r/${j.id}`}>
        <span class="job-where">{placeLabel(profile, j)}</span>
        <span class="job-what">
          {j.urgency === "urgent" && <Badge tone="bad">{term("urgency", "urgent")}</Badge>} {category || term("kind", "repair")} ·{" "}
          {term("state", j.status)}
        </span>
        <span class="job-desc">{j.description}</span>
      </a>
      <div class="job-facts">
        <span class="job-when">
          {tr("w.jobs.appointment")}:{" "}
          {j.appointment ? `${fmtDateTime(j.appointment.from)}–${fmtDateTime(j.appointment.to).slice(-5)}` : tr("w.jobs.noAppointment")}
        </span>
        <span class="job-key">
          {j.keyLeft ? <Badge tone="info">{tr("w.jobs.keyLeft")}</Badge> : <span class="hint">{tr("w.jobs.noKey")}</span>}
        </span>
        <a class="job-phone" href={`tel:${j.contactPhone}`} aria-label={tr("w.jobs.call")}>
          {j.contactName} {j.contactPhone}
        </a>
      </div>
    </li>
  );
}
