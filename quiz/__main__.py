from quiz.cli import run

run()
