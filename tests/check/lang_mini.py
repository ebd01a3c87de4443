"""A small scheme in the general scheme language (issue 11): nested and weighted categories, 加分制 with a base,
bands, grades, ranks, change against the previous period, a measure over another block's totals and a veto."""

from __future__ import annotations

LANG = """\
kind: scheme
id: lang-mini
title: 语言小方案
version: 1.0.0
status: 生效
effective: 2024-01-01
owner: 质量办
source: {file: x.md, section: 全文}
revisions:
  - {version: 1.0.0, date: 2024-01-01, author: 质量办, summary: 新建。}
scoring:
  method: 扣分制
  full_marks: 100
grade_scales:
  - id: four
    name: 优良中差
    grades: [{grade: 优, value: 1.0}, {grade: 良, value: 0.8}, {grade: 中, value: 0.7}, {grade: 差, value: 0.5}]
blocks:
  - {id: T, name: 教师}
  - {id: D, name: 系部}
facts:
  - {id: rating, name: 评教分, type: decimal, minimum: 0, maximum: 100}
  - {id: lesson, name: 课堂等级, type: grade, scale: four}
  - {id: late, name: 迟到次数, type: integer, minimum: 0, default: 0}
  - {id: ethics, name: 师德失范, type: boolean, default: false}
measures:
  - {id: teacher_mean, name: 教师平均分, members: T, function: mean, of: total}
categories:
  - id: basic
    name: 基本职责
    points: 100
    weight: 60%
    blocks: [T]
    categories:
      - id: lesson
        name: 课堂
        points: 40
        method: 加分制
        clauses:
          - no: 1
            text: 按等级计分。
            rules:
              - {id: t-lesson, text: 按等级计分。, grade: lesson, amount: 40}
      - id: rating
        name: 评教
        points: 30
        method: 加分制
        clauses:
          - no: 1
            text: 分档计分，另与上期比较。
            rules:
              - id: t-rating
                text: 分档计分。
                value: rating
                bands:
                  - {at_least: 90, amount: 30}
                  - {at_least: 80, below: 90, amount: 20}
                  - {below: 80, amount: 10}
              - {id: t-change, text: 每升高5分加1分，每降低5分扣2分，各以6分为限。, change: rating, better: 升高, step: 5,
                 gain: 1, loss: 2, cap: 6}
      - id: conduct
        name: 规范
        points: 30
        clauses:
          - no: 1
            text: 迟到每次扣2分。
            rules:
              - {id: t-late, text: 迟到每次扣2分。, count: late, amount: 2}
  - id: merit
    name: 业绩
    points: 100
    weight: 40%
    method: 加分制
    base: 60
    blocks: [T]
    clauses:
      - no: 1
        text: 按评教分排名计分。
        rules:
          - id: t-rank
            text: 第1名加30分，第2至3名加20分，其余加10分。
            rank: rating
            ties: 并列跳号
            ranks: [{up_to: 1, amount: 30}, {up_to: 3, amount: 20}, {amount: 10}]
  - id: team
    name: 教师考核
    points: 100
    method: 加分制
    blocks: [D]
    clauses:
      - no: 1
        text: 按教师平均分计分。
        rules:
          - {id: d-team, text: 教师平均分每1分计1分。, count: teacher_mean, amount: 1}
vetoes:
  - {id: veto-ethics, name: 师德, text: 师德失范的一票否决，考核得分记0分。, when: {ethics: true}, score: 0, blocks: [T]}
"""


def lang(*edits: tuple[str, str]) -> str:
    text = LANG
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text
