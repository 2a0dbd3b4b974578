import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class HeldTasks:
    """Background work held until the test releases it, in the order it chooses: races
    between answers become reproducible."""

    def __init__(self) -> None:
        self.jobs: list = []

    def run(self, work, done, failed) -> None:  # type: ignore[no-untyped-def]
        self.jobs.append((work, done, failed))

    def release(self, index: int = 0) -> None:
        work, done, failed = self.jobs.pop(index)
        try:
            result = work()
        except Exception as error:
            failed(error)
        else:
            done(result)

    def release_all(self) -> None:
        while self.jobs:
            self.release(0)

    def wait(self) -> None:
        self.release_all()
