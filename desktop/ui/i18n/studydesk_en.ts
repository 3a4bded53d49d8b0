<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BrowseTab</name>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n card</numerusform>
            <numerusform>%n cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n card(s) with their scheduling to {path}.</source>
        <translation>
            <numerusform>Exported %n card with its scheduling to {path}.</numerusform>
            <numerusform>Exported %n cards with their scheduling to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n card(s) to {path}. In Anki: File → Import, and tick “Import any learning progress” to keep their scheduling and history.</source>
        <translation>
            <numerusform>Exported %n card to {path}. In Anki: File → Import, and tick “Import any learning progress” to keep its scheduling and history.</numerusform>
            <numerusform>Exported %n cards to {path}. In Anki: File → Import, and tick “Import any learning progress” to keep their scheduling and history.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LessonsPage</name>
    <message numerus="yes">
        <source>%n problem(s) in the lesson files</source>
        <translation>
            <numerusform>%n problem in the lesson files</numerusform>
            <numerusform>%n problems in the lesson files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n section(s) — click one to jump there.</source>
        <translation>
            <numerusform>%n section — click it to jump there.</numerusform>
            <numerusform>%n sections — click one to jump there.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewHeatmap</name>
    <message numerus="yes">
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n review</numerusform>
            <numerusform>%n reviews</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message numerus="yes">
        <source>Deleted %n scenario(s).</source>
        <translation>
            <numerusform>Deleted %n scenario.</numerusform>
            <numerusform>Deleted %n scenarios.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
</TS>
