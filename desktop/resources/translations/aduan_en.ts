<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AssignDialog</name>
    <message numerus="yes">
        <location filename="../../ui/assign_dialog.py" line="48"/>
        <source>Assign %n report(s) to:</source>
        <translation>
            <numerusform>Assign %n report to:</numerusform>
            <numerusform>Assign %n reports to:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/assign_dialog.py" line="97"/>
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/assign_dialog.py" line="100"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message numerus="yes">
        <location filename="../../ui/audit_dialog.py" line="183"/>
        <source>%n entries found.</source>
        <translation>
            <numerusform>%n entry found.</numerusform>
            <numerusform>%n entries found.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/audit_dialog.py" line="227"/>
        <source>%n entries exported.</source>
        <translation>
            <numerusform>%n entry exported.</numerusform>
            <numerusform>%n entries exported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="357"/>
        <source>Answer %n report(s) with a reply template</source>
        <translation>
            <numerusform>Answer %n report with a reply template</numerusform>
            <numerusform>Answer %n reports with a reply template</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkSummaryDialog</name>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="133"/>
        <source>Done (%n):</source>
        <translation>
            <numerusform>Done (%n):</numerusform>
            <numerusform>Done (%n):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="136"/>
        <source>Not done (%n), and why:</source>
        <translation>
            <numerusform>Not done (%n), and why:</numerusform>
            <numerusform>Not done (%n), and why:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="140"/>
        <source>%n selected row(s) were not read yet and were left out: scroll to them and try again.</source>
        <translation>
            <numerusform>%n selected row was not read yet and was left out: scroll to it and try again.</numerusform>
            <numerusform>%n selected rows were not read yet and were left out: scroll to them and try again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="153"/>
        <source>Done for all %n report(s).</source>
        <translation>
            <numerusform>Done for the %n report.</numerusform>
            <numerusform>Done for all %n reports.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="155"/>
        <source>Not done for any of the %n report(s).</source>
        <translation>
            <numerusform>Not done for the %n report.</numerusform>
            <numerusform>Not done for any of the %n reports.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CacheNoticeBanner</name>
    <message numerus="yes">
        <location filename="../../ui/cache_notices.py" line="54"/>
        <source>It held %n change(s) not yet sent, which could not be read: do them again.</source>
        <translation>
            <numerusform>It held %n change not yet sent, which could not be read: do it again.</numerusform>
            <numerusform>It held %n changes not yet sent, which could not be read: do them again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message numerus="yes">
        <location filename="../../ui/crash.py" line="110"/>
        <source>%n problem(s) since this window opened.</source>
        <translation>
            <numerusform>%n problem since this window opened.</numerusform>
            <numerusform>%n problems since this window opened.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscussionView</name>
    <message numerus="yes">
        <location filename="../../ui/discussion_view.py" line="258"/>
        <source>Mentions (%n new)</source>
        <translation>
            <numerusform>Mentions (%n new)</numerusform>
            <numerusform>Mentions (%n new)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/discussion_view.py" line="296"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="108"/>
        <source>Aduan: %n new for you</source>
        <translation>
            <numerusform>Aduan: %n new thing for you</numerusform>
            <numerusform>Aduan: %n new things for you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="127"/>
        <source>%n reports were assigned to you.</source>
        <translation>
            <numerusform>%n report was assigned to you.</numerusform>
            <numerusform>%n reports were assigned to you.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="128"/>
        <source>You were mentioned %n times.</source>
        <translation>
            <numerusform>You were mentioned %n time.</numerusform>
            <numerusform>You were mentioned %n times.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="129"/>
        <source>Reporters wrote again on %n of your reports.</source>
        <translation>
            <numerusform>Reporters wrote again on %n of your reports.</numerusform>
            <numerusform>Reporters wrote again on %n of your reports.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="130"/>
        <source>%n of your reports are due within the hour.</source>
        <translation>
            <numerusform>%n of your reports is due within the hour.</numerusform>
            <numerusform>%n of your reports are due within the hour.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="131"/>
        <source>%n of your reports are now overdue.</source>
        <translation>
            <numerusform>%n of your reports is now overdue.</numerusform>
            <numerusform>%n of your reports are now overdue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="153"/>
        <source>%n topics are rising</source>
        <translation>
            <numerusform>%n topic is rising</numerusform>
            <numerusform>%n topics are rising</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="68"/>
        <source>%n operation(s) waiting to be sent</source>
        <translation>
            <numerusform>%n operation waiting to be sent</numerusform>
            <numerusform>%n operations waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="72"/>
        <source>%n item(s) need attention</source>
        <translation>
            <numerusform>%n item needs attention</numerusform>
            <numerusform>%n items need attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UpdateRequiredBanner</name>
    <message numerus="yes">
        <location filename="../../ui/update_notice.py" line="59"/>
        <source>%n queued item(s) stay saved and will be sent after the update.</source>
        <translation>
            <numerusform>%n queued item stays saved and will be sent after the update.</numerusform>
            <numerusform>%n queued items stay saved and will be sent after the update.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkloadView</name>
    <message numerus="yes">
        <location filename="../../ui/workload_view.py" line="111"/>
        <source>%n report(s) past their deadline</source>
        <translation>
            <numerusform>%n report past its deadline</numerusform>
            <numerusform>%n reports past their deadline</numerusform>
        </translation>
    </message>
</context>
</TS>
