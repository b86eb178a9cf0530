"""Remove-Job: remove finished jobs from the session; a job still running is
``JobObjectNotFinishedCannotBeRemoved`` unless -Force, which stops it first (RemoveJobCommand).
A child job cannot be removed on its own (``CannotRemoveJob``)."""

from __future__ import annotations

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import should_process
from .job_select import find_jobs
from .jobs import ChildJob, session_jobs

__all__ = ["RemoveJob"]


@register_cmdlet
class RemoveJob(Cmdlet):
    name = "Remove-Job"

    def process(self) -> None:
        params = self.params
        force = bool(params.Force)
        table = session_jobs(self.runspace)
        for job in find_jobs(self):
            if isinstance(job, ChildJob):
                self.write_error(CmdletError(
                    "The command cannot remove the job because it does not exist or because it is a child job. "
                    "Child jobs can be removed only by removing the parent job.", error_id="CannotRemoveJob",
                    category=ErrorCategory.InvalidOperation, exception_type="System.ArgumentException",
                    target_object=job))  # fmt: skip
                continue
            if not job.finished and not force:
                self.write_error(CmdletError(_not_finished(self.params.parameter_set_name, job),
                                             error_id="JobObjectNotFinishedCannotBeRemoved",
                                             category=ErrorCategory.InvalidOperation,
                                             exception_type="System.ArgumentException", target_object=job))  # fmt: skip
                continue
            target = f'Remote Command: {job.Command}, associated with a job that has an ID of "{job.Id}".'
            if not should_process(self, target, "Remove"):
                continue
            job.stop()
            table.remove(job)


def _not_finished(set_name: str, job: object) -> str:
    """The message CheckJobCanBeRemoved gives, worded by how the job was named."""
    job_id = getattr(job, "Id", "")
    tail = "because the job is not finished. To remove the job, first stop the job"
    if set_name == "NameParameterSet":
        name = getattr(job, "Name", "")
        return (
            f"The command cannot remove the job with the job ID {job_id} and the name {name} {tail}, "
            "or use the Force parameter."
        )
    if set_name == "InstanceIdParameterSet":
        return (f"The command cannot remove the job with the job ID {job_id} and the instance identifier "
                f"{getattr(job, 'InstanceId', '')} {tail} or use the Force parameter.")  # fmt: skip
    return f"The command cannot remove the job with the job ID {job_id} {tail}, or use the Force parameter."
